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
 * The reference shop pages (search, product, for-you, operator view) at {@code /}: static HTML, CSS
 * and JS from the classpath directory {@code /rf-web}, no external scripts or fonts, so they work
 * offline. They call only the public {@code /v1} endpoints (and {@code /health}, {@code /metrics}
 * for the operator view), so whatever they show, a shop's own page can show too.
 *
 * <p>Served from memory, read once at start, so that a page load is one request: {@code index.html}
 * is sent with {@code app.css}, {@code i18n.js} and {@code app.js} inlined (the files stay separate
 * in the source, and are served at their own URLs too, for a shop to copy). Measured in the browser
 * test, a page that loaded its three files from the browser's cache still spent 50-150 ms on them
 * under load before the product's API calls could start. The page is {@code no-cache} with an
 * {@code ETag}, so a reload is one conditional request answered 304; everything is also kept
 * gzipped, sent to clients that accept it.
 */
final class WebPages {
  static final String CLASSPATH_DIR = "/rf-web";

  /** The files {@code index.html} links, inlined into it. */
  private static final String[] ASSETS = {"app.css", "i18n.js", "app.js"};

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
      assets.put(
          a,
          File.of(
              a.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
              read(a)));
    }
    String html = new String(read("index.html"), StandardCharsets.UTF_8);
    html =
        inline(
            html,
            "<link rel=\"stylesheet\" href=\"/app.css\">",
            "<style>\n" + text(assets, "app.css") + "</style>",
            "");
    // the scripts were deferred: inlined at the end of the body, they run at the same point, after
    // the markup
    html =
        inline(
            html,
            "<script src=\"/i18n.js\" defer></script>",
            "",
            "<script>\n" + text(assets, "i18n.js") + "</script>\n");
    html =
        inline(
            html,
            "<script src=\"/app.js\" defer></script>",
            "",
            "<script>\n" + text(assets, "app.js") + "</script>\n");
    File page = File.of("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    cfg.routes.get("/", ctx -> send(ctx, page));
    cfg.routes.get("/index.html", ctx -> send(ctx, page));
    for (var a : assets.entrySet()) {
      File f = a.getValue();
      Handler h = ctx -> send(ctx, f);
      cfg.routes.get("/" + a.getKey(), h);
    }
  }

  /**
   * {@code html} with the line {@code link} replaced by {@code inPlace} and {@code atEnd} put
   * before the body's end.
   */
  private static String inline(String html, String link, String inPlace, String atEnd) {
    if (!html.contains(link) || !html.contains("</body>")) {
      throw new IllegalStateException("index.html has no " + link + " to inline");
    }
    return html.replace(link, inPlace).replace("</body>", atEnd + "</body>");
  }

  private static String text(Map<String, File> assets, String name) {
    String t = new String(assets.get(name).plain(), StandardCharsets.UTF_8);
    if (t.contains("</script") || t.contains("</style")) {
      throw new IllegalStateException(name + " contains a closing tag and cannot be inlined");
    }
    return t;
  }

  private static void send(Context ctx, File f) {
    String etag = "\"" + f.hash() + "\"";
    ctx.header("Cache-Control", REVALIDATE);
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
