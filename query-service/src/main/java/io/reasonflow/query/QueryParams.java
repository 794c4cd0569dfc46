package io.reasonflow.query;

import io.javalin.http.Context;
import io.reasonflow.index.search.ItemFilter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validation of query-string parameters, shared by the endpoints: each failure is a 400 naming the
 * parameter.
 */
final class QueryParams {
  static final int MAX_K = 1000;
  static final int DEFAULT_K = 10;
  static final int MAX_QUERY_CHARS = 512;
  static final Set<String> FILTER_PARAMS = Set.of("category", "brand", "minPrice", "maxPrice");

  private QueryParams() {}

  /**
   * Refuses parameters outside {@code allowed} and parameters given twice (which value would win is
   * a guess).
   */
  static void allowOnly(Context ctx, Set<String> allowed) {
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw ApiException.badRequest(
            "unknown query parameter '"
                + e.getKey()
                + "'; allowed: "
                + String.join(", ", new TreeSet<>(allowed)));
      }
      if (e.getValue().size() > 1) {
        throw ApiException.badRequest(
            "query parameter '" + e.getKey() + "' is given more than once");
      }
    }
  }

  /** The {@code {id}} path parameter of an endpoint that takes no query parameters. */
  static String pathIdOnly(Context ctx) {
    allowOnly(ctx, Set.of());
    return ctx.pathParam("id");
  }

  static int k(Context ctx) {
    String raw = ctx.queryParam("k");
    if (raw == null) {
      return DEFAULT_K;
    }
    int k;
    try {
      k = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("k must be a whole number, got '" + raw + "'");
    }
    if (k < 1 || k > MAX_K) {
      throw ApiException.badRequest("k must be in 1.." + MAX_K + ", got " + k);
    }
    return k;
  }

  static ItemFilter filter(Context ctx) {
    Double min = price(ctx, "minPrice");
    Double max = price(ctx, "maxPrice");
    if (min != null && max != null && min > max) {
      throw ApiException.badRequest("minPrice " + min + " is above maxPrice " + max);
    }
    return new ItemFilter(ctx.queryParam("category"), ctx.queryParam("brand"), min, max);
  }

  /** The search text: present, not blank, and short enough to be a query rather than a document. */
  static String text(Context ctx, String name) {
    String q = ctx.queryParam(name);
    if (q == null || q.isBlank()) {
      throw ApiException.badRequest("query parameter '" + name + "' is required");
    }
    if (q.length() > MAX_QUERY_CHARS) {
      throw ApiException.badRequest(
          "query parameter '"
              + name
              + "' is "
              + q.length()
              + " characters; at most "
              + MAX_QUERY_CHARS
              + " are allowed");
    }
    return q;
  }

  private static Double price(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return null;
    }
    double v;
    try {
      v = Double.parseDouble(raw.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a number, got '" + raw + "'");
    }
    if (!Double.isFinite(v)) {
      throw ApiException.badRequest(name + " must be a finite number, got '" + raw + "'");
    }
    return v;
  }
}
