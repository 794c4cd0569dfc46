package io.reasonflow.query;

import java.util.Map;

/**
 * A request the service refuses, with the HTTP status to answer, a message that tells the caller
 * what to fix, and the headers the status calls for ({@code Retry-After} with 429 and 503, {@code
 * WWW-Authenticate} with 401).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final Map<String, String> headers;

  public ApiException(int status, String message) {
    this(status, message, Map.of());
  }

  private ApiException(int status, String message, Map<String, String> headers) {
    super(message, null, false, false); // a refusal, not a fault: no stack trace to fill or log
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  static ApiException unauthorized(String message) {
    return new ApiException(
        401, message, Map.of("WWW-Authenticate", "Bearer realm=\"reasonflow-admin\""));
  }

  static ApiException tooManyRequests(String message, long retryAfterSeconds) {
    return new ApiException(429, message, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  static ApiException busy(String message, long retryAfterSeconds) {
    return new ApiException(503, message, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public int status() {
    return status;
  }

  Map<String, String> headers() {
    return headers;
  }
}
