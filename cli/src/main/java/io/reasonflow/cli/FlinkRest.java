package io.reasonflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.UserError;
import io.reasonflow.common.store.JsonLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The two calls of Flink's REST API that {@code flink run -d} makes: upload a jar, run its main
 * detached. The same calls the deployment tests make against a real session cluster.
 */
final class FlinkRest {
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  FlinkRest(String restUrl) {
    this.base = URI.create(restUrl.endsWith("/") ? restUrl : restUrl + "/");
  }

  /** Uploads {@code jar}; returns the id the cluster gave it. */
  String upload(Path jar) {
    String boundary = "reasonflow-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                  + jar.getFileName()
                  + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(Files.readAllBytes(jar));
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserError("cannot read job jar " + jar + ": " + e.getMessage());
    }
    JsonNode r =
        send(
            HttpRequest.newBuilder(base.resolve("jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
            "upload " + jar.getFileName());
    String file = r.path("filename").asText();
    return file.substring(file.lastIndexOf('/') + 1);
  }

  /** Runs an uploaded jar's {@code entryClass} with {@code args}, detached; returns the job id. */
  String run(String jarId, String entryClass, List<String> args) {
    String json;
    try {
      json =
          JsonLines.MAPPER.writeValueAsString(
              Map.of("entryClass", entryClass, "programArgsList", args));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    JsonNode r =
        send(
            HttpRequest.newBuilder(base.resolve("jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)),
            "run " + entryClass);
    return r.path("jobid").asText();
  }

  URI webUi(String jobId) {
    return base.resolve("#/job/running/" + jobId + "/overview");
  }

  private JsonNode send(HttpRequest.Builder request, String what) {
    try {
      HttpResponse<String> resp =
          http.send(
              request.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = JsonLines.MAPPER.readTree(resp.body().isEmpty() ? "{}" : resp.body());
      if (resp.statusCode() / 100 != 2) {
        JsonNode errors = body.path("errors");
        String first =
            errors.isArray() && !errors.isEmpty()
                ? errors.get(0).asText().lines().findFirst().orElse("")
                : resp.body();
        throw new UserError(
            "the Flink cluster at "
                + base
                + " refused to "
                + what
                + " (HTTP "
                + resp.statusCode()
                + "): "
                + first);
      }
      return body;
    } catch (ConnectException e) {
      throw new UserError(
          "no Flink REST endpoint at " + base + " (is the cluster up? pass --rest URL)");
    } catch (IOException e) {
      throw new UserError("talking to the Flink cluster at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while talking to " + base);
    }
  }
}
