package io.reasonflow.query;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The reference shop pages (search, product, for-you, operator view) at {@code /}: static HTML, CSS and JS from the
 * classpath directory {@code /rf-web}, no external scripts or fonts, so they work offline. They call only the public
 * {@code /v1} endpoints (and {@code /health}, {@code /metrics} for the operator view), so whatever they show, a
 * shop's own page can show too.
 */
final class WebPages {
  static final String CLASSPATH_DIR = "/rf-web";

  private WebPages() {}

  static void register(JavalinConfig cfg) {
    cfg.staticFiles.add(s -> {
      s.hostedPath = "/";
      s.directory = CLASSPATH_DIR;
      s.location = Location.CLASSPATH;
      // the pages are small and change with the service: let a browser revalidate instead of keeping a stale copy
      s.headers = Map.of("Cache-Control", "no-cache");
    });
  }
}
