package io.reasonflow.query;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer token of the admin endpoints ({@code Authorization: Bearer TOKEN}). Without a
 * configured token the admin endpoints are off, so a service started without one cannot be driven
 * by whoever reaches its port.
 */
final class AdminAuth {
  private static final String PREFIX = "Bearer ";

  private final byte[] token;

  /**
   * @param token the token, or null when admin endpoints are off
   */
  AdminAuth(String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  /** True when the request carries the admin token. */
  boolean isAdmin(Context ctx) {
    String h = ctx.header("Authorization");
    if (token == null || h == null || !h.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    // constant time, so the answer's timing does not reveal how much of a guess was right
    return MessageDigest.isEqual(
        token, h.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8));
  }

  /** Refuses the request unless it carries the admin token: 403 when admin is off, else 401. */
  void require(Context ctx) {
    if (token == null) {
      throw new ApiException(
          403,
          "admin endpoints are off: start serve with an admin token "
              + "(serve.admin-token-file, or the REASONFLOW_ADMIN_TOKEN environment variable)");
    }
    if (!isAdmin(ctx)) {
      throw ApiException.unauthorized(
          "admin endpoints need 'Authorization: Bearer <token>' with the service's "
              + "admin token");
    }
  }
}
