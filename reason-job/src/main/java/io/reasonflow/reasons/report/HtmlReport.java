package io.reasonflow.reasons.report;

import io.reasonflow.reasons.Recommendation;
import io.reasonflow.reasons.evidence.AnchorEvidence;
import io.reasonflow.reasons.evidence.Evidence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (inline CSS, no scripts, no external assets) showing, per shopper, the
 * recent items and the top-k with reason and evidence. Every piece of data is HTML-escaped: titles
 * come from catalogues and may hold anything.
 */
public final class HtmlReport {
  private static final String CSS =
      """
      body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
      h2{border-bottom:1px solid #ccc;padding-bottom:.2em}
      .recent{color:#555}.reason{font-size:1.1em;margin:.3em 0}
      table{border-collapse:collapse;font-size:.85em;margin:.3em 0 1em}
      td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}
      .src{color:#888;font-size:.8em}.meta{color:#666;font-size:.85em}
      """;

  private HtmlReport() {}

  /**
   * @param recommendations the recommendations, grouped into sections by user in first-seen order
   * @param recentByUser each shopper's recent items; shoppers here with no recommendations get a
   *     section too
   */
  public static void write(
      Path file,
      String heading,
      List<Recommendation> recommendations,
      Map<String, List<RecentItem>> recentByUser) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(
          file, render(heading, recommendations, recentByUser), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  static String render(
      String heading,
      List<Recommendation> recommendations,
      Map<String, List<RecentItem>> recentByUser) {
    Map<String, List<Recommendation>> byUser = new LinkedHashMap<>();
    recentByUser.keySet().forEach(u -> byUser.put(u, new ArrayList<>()));
    recommendations.forEach(r -> byUser.computeIfAbsent(r.userId(), u -> new ArrayList<>()).add(r));
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(esc(heading))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>\n<h1>")
        .append(esc(heading))
        .append("</h1>\n");
    byUser.forEach(
        (user, recs) -> userSection(h, user, recentByUser.getOrDefault(user, List.of()), recs));
    return h.append("</body></html>\n").toString();
  }

  private static void userSection(
      StringBuilder h, String user, List<RecentItem> recent, List<Recommendation> recs) {
    h.append("<section><h2>Shopper ")
        .append(esc(user))
        .append("</h2>\n<p class=\"recent\">Recent items: ");
    for (int i = 0; i < recent.size(); i++) {
      RecentItem r = recent.get(i);
      h.append(i == 0 ? "" : "; ")
          .append(esc(r.title()))
          .append(" <span class=\"src\">(")
          .append(esc(r.action().name().toLowerCase(Locale.ROOT)))
          .append(")</span>");
    }
    h.append(recent.isEmpty() ? "none" : "").append("</p>\n");
    if (recs.isEmpty()) {
      h.append("<p>No recommendation with a verifiable reason.</p>\n");
    }
    h.append("<ol>\n");
    recs.forEach(r -> recommendation(h, r));
    h.append("</ol></section>\n");
  }

  private static void recommendation(StringBuilder h, Recommendation r) {
    Evidence e = r.evidence();
    h.append("<li><strong>")
        .append(esc(r.title()))
        .append("</strong> <span class=\"meta\">")
        .append(esc(r.itemId()))
        .append(" · score ")
        .append(String.format(Locale.ROOT, "%.3f", r.score()))
        .append(" · ")
        .append(esc(e.popularity().bucket().name()))
        .append(" (")
        .append(e.popularity().shoppers().value())
        .append(" shoppers)</span>\n<p class=\"reason\" lang=\"")
        .append(esc(r.locale()))
        .append("\">")
        .append(esc(r.reason()))
        .append("</p>\n")
        .append(
            "<table><tr><th>anchor</th><th>action</th><th>co-viewers</th><th>share</th><th>lift</th>")
        .append("<th>similarity</th><th>shared terms</th><th>relation</th><th>source</th></tr>\n");
    e.anchors().forEach(a -> anchorRow(h, a, e.privacyMinShoppers()));
    h.append("</table></li>\n");
  }

  private static void anchorRow(StringBuilder h, AnchorEvidence a, int min) {
    String coViews =
        switch (a.coViewStatus()) {
          case NONE -> "none";
          case BELOW_PRIVACY_THRESHOLD -> "withheld (under " + min + ")";
          case QUOTABLE -> a.coViews().value() + " of " + a.anchorShoppers().value();
        };
    String share =
        a.share() == null
            ? ""
            : String.format(Locale.ROOT, "%.0f%%", 100.0 * a.share().count() / a.share().of());
    String lift = a.lift() == null ? "" : String.format(Locale.ROOT, "%.1f×", a.lift().value());
    h.append("<tr><td>")
        .append(esc(a.title()))
        .append("</td><td>")
        .append(esc(a.action().name().toLowerCase(Locale.ROOT)))
        .append("</td><td>")
        .append(esc(coViews))
        .append("</td><td>")
        .append(esc(share))
        .append("</td><td>")
        .append(esc(lift))
        .append("</td><td>")
        .append(String.format(Locale.ROOT, "%.2f", a.similarity().value()))
        .append("</td><td>")
        .append(esc(String.join(", ", a.sharedTerms().value())))
        .append("</td><td>")
        .append(esc(a.relation().value().name()))
        .append("</td><td class=\"src\">")
        .append(esc(a.source()))
        .append(a.coViews() == null ? "" : "; " + esc(a.coViews().source()))
        .append("</td></tr>\n");
  }

  /** HTML-escapes text for element content and double-quoted attributes. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
