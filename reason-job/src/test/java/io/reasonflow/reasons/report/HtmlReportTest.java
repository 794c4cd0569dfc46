package io.reasonflow.reasons.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.EventType;
import io.reasonflow.reasons.Recommendation;
import io.reasonflow.reasons.TinyFeatures;
import io.reasonflow.reasons.evidence.Evidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir Path dir;

  @Test
  void pageIsSelfContainedAndEscapesEverything() throws Exception {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    Evidence e = f.evidence().build(f.u1, "C");
    Recommendation r =
        new Recommendation(
            "u1",
            1,
            "C",
            "Top <b>Coat</b> & \"more\"",
            1.5,
            "Buy <script>alert(1)</script>",
            "en",
            "template",
            "t",
            List.of("coview:A"),
            e,
            List.of(),
            Map.of(),
            null);
    Path file = dir.resolve("r.html");

    HtmlReport.write(
        file,
        "Report",
        List.of(r),
        Map.of("u1", List.of(new RecentItem("A", "OPI <i>Nail</i>", EventType.REVIEW))));

    String html = Files.readString(file);
    assertThat(html)
        .doesNotContain("<script>", "<b>Coat", "<i>Nail")
        .contains(
            "Top &lt;b&gt;Coat&lt;/b&gt; &amp; &quot;more&quot;",
            "&lt;script&gt;",
            "OPI &lt;i&gt;Nail")
        .contains("12 of 96", "13%") // the evidence table shows the quotable figure and its share
        .doesNotContainPattern("(src|href)=");
  }
}
