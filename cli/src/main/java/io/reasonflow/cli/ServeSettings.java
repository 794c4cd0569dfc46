package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.query.QueryServerConfig;
import io.reasonflow.query.ServiceLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code serve.*} keys, read once and checked: where the service listens, its admin token and
 * its limits; and {@code reasons.privacy.min-shoppers}, so the API never shows a co-view count the
 * reasons would not quote.
 */
record ServeSettings(
    String host,
    String adminToken,
    ServiceLimits limits,
    List<String> corsAllowedOrigins,
    int minCoViewShoppers) {
  static final String TOKEN_ENV = "REASONFLOW_ADMIN_TOKEN";
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+");

  static ServeSettings from(Config c, Map<String, String> env) {
    int cores = Runtime.getRuntime().availableProcessors();
    int concurrent = c.integer("serve.queue.max-concurrent", 0, 1024);
    double rate = c.decimal("serve.rate-limit.per-second", 0, 1e6);
    ServiceLimits limits =
        new ServiceLimits(
            concurrent == 0 ? Math.max(2, cores) : concurrent,
            c.integer("serve.queue.max-queued", 0, 10_000),
            c.duration("serve.queue.max-wait"),
            rate,
            c.integer("serve.rate-limit.burst", rate > 0 ? 1 : 0, 1_000_000));
    return new ServeSettings(
        c.string("serve.host"),
        adminToken(c, env),
        limits,
        origins(c),
        c.integer("reasons.privacy.min-shoppers", 1, Integer.MAX_VALUE));
  }

  QueryServerConfig applyTo(QueryServerConfig cfg) {
    return cfg.withHost(host)
        .withAdminToken(adminToken)
        .withLimits(limits)
        .withCorsAllowedOrigins(corsAllowedOrigins)
        .withMinCoViewShoppers(minCoViewShoppers);
  }

  private static String adminToken(Config c, Map<String, String> env) {
    String file = c.optionalString("serve.admin-token-file");
    String token;
    String from;
    if (file != null) {
      try {
        token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw c.bad(
            "serve.admin-token-file",
            "cannot be read (" + e.getMessage() + "); write the token into it");
      }
      from = "the file " + file;
    } else {
      token = env.get(TOKEN_ENV);
      from = "the environment variable " + TOKEN_ENV;
      if (token == null || token.isBlank()) {
        return null;
      }
      token = token.strip();
    }
    if (token.length() < QueryServerConfig.MIN_TOKEN_CHARS) {
      throw new UserError(
          "the admin token in "
              + from
              + " has "
              + token.length()
              + " characters; use at least "
              + QueryServerConfig.MIN_TOKEN_CHARS
              + " random ones (e.g. from 'openssl rand -hex 24')");
    }
    return token;
  }

  private static List<String> origins(Config c) {
    String raw = c.optionalString("serve.cors.allowed-origins");
    List<String> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    for (String o : raw.split(",")) {
      String origin = o.strip();
      if (!ORIGIN.matcher(origin).matches()) {
        throw c.bad(
            "serve.cors.allowed-origins",
            "has '"
                + origin
                + "', which is not an origin like "
                + "https://shop.example or http://localhost:3000 (scheme, host and port only, no path or '*')");
      }
      out.add(origin);
    }
    return out;
  }
}
