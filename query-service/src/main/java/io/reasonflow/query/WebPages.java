package io.reasonflow.query;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The reference shop pages (search, product, for-you, operator view) at {@code /}: static HTML, CSS and JS from the
 * classpath directory {@code /rf-web}, no external scripts or fonts, so they work offline. They call only the public
 * {@code /v1} endpoints (and {@code /health}, {@code /metrics} for the operator view), so whatever they show, a
 * shop's own page can show too.
 *
 * <p>Served from memory, read once at start, so a page load costs the fewest round trips: {@code index.html} names
 * each asset with its content hash ({@code /app.js?v=1a2b3c4d5e6f}), and an asset asked for with its current hash is
 * cached by the browser for a year without revalidation ({@code immutable}): a new build has new hashes, hence new
 * URLs. The page itself is {@code no-cache} with an {@code ETag} (a reload is one conditional request answered 304).
 * Each file is also kept gzipped, sent to clients that accept it.
 */
final class WebPages {
  static final String CLASSPATH_DIR = "/rf-web";
  /** The assets {@code index.html} links; each is rewritten there to carry its content hash. */
  private static final String[] ASSETS = {"app.css", "i18n.js", "app.js"};
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String REVALIDATE = "no-cache";
  /** Smaller bodies go as they are: gzip would save less than its header costs. */
  private static final int GZIP_MIN_BYTES = 1024;

  private WebPages() {}

  /** One file held in memory, plain and gzipped, with its content hash. */
  private record File(String contentType, byte[] plain, byte[] gzipped, String hash) {
    static File of(String contentType, byte[] plain) {
      return new File(contentType, plain, gzip(plain), sha256(plain).substring(0, 12));
    }
  }

  static void register(JavalinConfig cfg) {
    Map<String, File> assets = new LinkedHashMap<>();
    for (String a : ASSETS) {
      assets.put(a, File.of(a.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
          read(a)));
    }
    String html = new String(read("index.html"), StandardCharsets.UTF_8);
    for (var a : assets.entrySet()) {
      String plain = "\"/" + a.getKey() + "\"";
      if (!html.contains(plain)) {
        throw new IllegalStateException("index.html does not link /" + a.getKey());
      }
      html = html.replace(plain, "\"/" + a.getKey() + "?v=" + a.getValue().hash() + "\"");
    }
    File page = File.of("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    cfg.routes.get("/", ctx -> send(ctx, page, REVALIDATE));
    cfg.routes.get("/index.html", ctx -> send(ctx, page, REVALIDATE));
    for (var a : assets.entrySet()) {
      File f = a.getValue();
      Handler h = ctx -> send(ctx, f, f.hash().equals(ctx.queryParam("v")) ? IMMUTABLE : REVALIDATE);
      cfg.routes.get("/" + a.getKey(), h);
    }
  }

  private static void send(Context ctx, File f, String cacheControl) {
    String etag = "\"" + f.hash() + "\"";
    ctx.header("Cache-Control", cacheControl);
    ctx.header("ETag", etag);
    ctx.header("Vary", "Accept-Encoding");
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
      ctx.status(304);
      return;
    }
    ctx.contentType(f.contentType());
    String accept = ctx.header("Accept-Encoding");
    if (f.gzipped() != null && accept != null && accept.contains("gzip")) {
      ctx.header("Content-Encoding", "gzip");
      ctx.result(f.gzipped());
    } else {
      ctx.result(f.plain());
    }
  }

  private static byte[] read(String name) {
    try (InputStream in = WebPages.class.getResourceAsStream(CLASSPATH_DIR + "/" + name)) {
      if (in == null) {
        throw new IllegalStateException(CLASSPATH_DIR + "/" + name + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] plain) {
    if (plain.length < GZIP_MIN_BYTES) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
