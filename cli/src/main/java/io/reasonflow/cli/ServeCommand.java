package io.reasonflow.cli;

import io.reasonflow.query.QueryServer;
import io.reasonflow.query.QueryServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Serves the item index (and, when given, profiles and stored recommendations) over HTTP until
 * interrupted.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Run the HTTP query service: /v1/items/{id}/similar, /v1/users/{id}/recommendations, /v1/search, "
            + "/health, /metrics; the shop pages at /.")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--index",
      required = true,
      paramLabel = "DIR",
      description =
          "Index directory, or a version root whose 'current' link names the live version.")
  Path index;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "TCP port (0 = any; default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on (sets serve.host; default "
              + "127.0.0.1, this machine only; 0.0.0.0 or :: for every interface). Admin endpoints need a token: "
              + "serve.admin-token-file or the REASONFLOW_ADMIN_TOKEN environment variable.")
  String host;

  @Mixin ConfigOptions config;

  @Option(
      names = "--profiles",
      paramLabel = "FILE",
      description = "profiles.jsonl.gz from the feature job.")
  Path profiles;

  @Option(
      names = "--recommendations",
      paramLabel = "PATH",
      description =
          "The reason job's recommendations: its recommendations/ directory of parts, or one "
              + ".jsonl.gz file.")
  Path recommendations;

  @Option(
      names = "--refresh-every",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description =
          "Pick up new index commits this often (default ${DEFAULT-VALUE}; 0 = only on POST /admin/refresh).")
  int refreshSeconds;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Path dir = index;
    if (profiles == null && Files.exists(dir.resolveSibling("profiles.jsonl.gz"))) {
      profiles = dir.resolveSibling("profiles.jsonl.gz");
    }
    if (host != null) {
      config.overrides.put("serve.host", host);
    }
    ServeSettings settings = ServeSettings.from(config.load(), System.getenv());
    QueryServerConfig cfg =
        settings
            .applyTo(QueryServerConfig.of(dir, port))
            .withProfiles(profiles)
            .withRecommendations(recommendations)
            .withRefreshEvery(refreshSeconds > 0 ? Duration.ofSeconds(refreshSeconds) : null);
    CountDownLatch stopped = new CountDownLatch(1);
    try (QueryServer server = QueryServer.start(cfg)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "reasonflow-shutdown"));
      String shown = cfg.host().contains(":") ? "[" + cfg.host() + "]" : cfg.host();
      spec.commandLine()
          .getOut()
          .printf(
              "serving %s on http://%s:%d (shop pages at /; API e.g. "
                  + "/v1/search?q=nail+polish); admin endpoints %s; Ctrl-C stops%n",
              dir.toAbsolutePath(),
              shown,
              server.port(),
              cfg.adminToken() == null ? "off (no admin token)" : "on");
      spec.commandLine().getOut().flush();
      stopped.await();
    }
    return 0;
  }
}
