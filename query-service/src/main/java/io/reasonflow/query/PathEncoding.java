package io.reasonflow.query;

import io.javalin.http.Context;

/**
 * Refuses a path whose percent-encoding is broken (such as IIS's {@code %u0041}) with a 400 before
 * routing: Javalin decodes path parameters while routing, and a decoding failure there was a 500
 * with a 40-line stack trace in the log for every such request.
 */
final class PathEncoding {
  private PathEncoding() {}

  static void check(Context ctx) {
    String path = ctx.path();
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length() || !hex(path.charAt(i + 1)) || !hex(path.charAt(i + 2))) {
        throw ApiException.badRequest(
            "malformed percent-encoding in the path at character "
                + (i + 1)
                + "; encode '%' as %25 and other bytes as %XX");
      }
    }
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
