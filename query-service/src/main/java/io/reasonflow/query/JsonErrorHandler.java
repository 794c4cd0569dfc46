package io.reasonflow.query;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches the service (a malformed URI 400, URI too long 414,
 * headers too large 431, unknown HTTP version 505): the same JSON body as every other error instead
 * of Jetty's HTML page, and counted in {@code /metrics} under the endpoint {@code none}.
 */
final class JsonErrorHandler extends ErrorHandler {
  private final ServerMetrics metrics;

  JsonErrorHandler(ServerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    metrics.count(ServerMetrics.NO_ENDPOINT, code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(Json.errorBody(code, describe(code, message))), callback);
  }

  /**
   * Used for requests so malformed that Jetty never made a request of them (it closes the
   * connection after).
   */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    metrics.count(ServerMetrics.NO_ENDPOINT, status);
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(Json.errorBody(status, describe(status, reason)));
  }

  private static String describe(int code, String message) {
    String reason = HttpStatus.getMessage(code);
    return message == null || message.isBlank() || message.equals(reason)
        ? reason.toLowerCase(java.util.Locale.ROOT)
        : reason.toLowerCase(java.util.Locale.ROOT) + ": " + message;
  }
}
