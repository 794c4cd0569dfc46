package io.reasonflow.reasons.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reasonflow.common.model.EventType;
import io.reasonflow.reasons.TinyFeatures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceBuilderTest {
  @TempDir Path dir;

  @Test
  void quotableCoViewIsCountedSharedAndSourced() {
    TinyFeatures f = new TinyFeatures(dir);
    Evidence e = f.evidence().build(f.u1, "C");

    AnchorEvidence a = e.anchors().get(0);
    assertThat(a.itemId()).isEqualTo("A");
    assertThat(a.action()).isEqualTo(EventType.REVIEW);
    assertThat(a.source()).isEqualTo("profile.recent[0]");
    assertThat(a.coViewStatus()).isEqualTo(CoViewStatus.QUOTABLE);
    assertThat(a.coViews().value()).isEqualTo(12);
    assertThat(a.coViews().source()).isEqualTo("coviews.tsv.gz pair(A,C)");
    assertThat(a.share()).isEqualTo(new Share(12, 96, 8, true)); // 96 / 12 = 8 exactly
    assertThat(a.lift().value()).isCloseTo(0.25, within(1e-9)); // (12/96) / (100/200)
    assertThat(a.relation().value())
        .isEqualTo(Relation.COMPLEMENT); // no shared terms, cosine .6 < .9, co-viewed
    assertThat(e.popularity().bucket()).isEqualTo(PopularityBucket.BEST_SELLER);
    assertThat(e.anchors().get(1).itemId()).isEqualTo("D");
    assertThat(e.anchors().get(1).coViewStatus()).isEqualTo(CoViewStatus.NONE);
  }

  @Test
  void figureUnderThePrivacyThresholdIsWithheldEverywhere() {
    TinyFeatures f = new TinyFeatures(dir);
    AnchorEvidence a = f.evidence().build(f.u1, "B").anchors().get(0);

    assertThat(a.itemId()).isEqualTo("A");
    assertThat(a.coViewStatus()).isEqualTo(CoViewStatus.BELOW_PRIVACY_THRESHOLD); // 3 < 5
    assertThat(a.coViews()).isNull();
    assertThat(a.share()).isNull();
    assertThat(a.lift()).isNull();
    // "opi", "nail", "lacquer" are each in 2 titles: ties broken alphabetically
    assertThat(a.sharedTerms().value()).containsExactly("lacquer", "nail", "opi");
    // Jaccard 3 shared / 11 distinct = .27 >= .25
    assertThat(a.relation().value()).isEqualTo(Relation.SUBSTITUTE);
  }

  @Test
  void anchorsAreRankedByQuotableCoViewBeforeRecency() {
    TinyFeatures f = new TinyFeatures(dir);
    Evidence e = f.evidence().build(f.u1, "E");

    // D is older (recent[1]) but has the quotable co-view with E: 5 of D's 10 shoppers, exactly 1
    // in 2
    assertThat(e.anchors()).extracting(AnchorEvidence::itemId).containsExactly("D", "A");
    assertThat(e.anchors().get(0).source()).isEqualTo("profile.recent[1]");
    assertThat(e.anchors().get(0).share()).isEqualTo(new Share(5, 10, 2, true));
    assertThat(e.popularity().bucket()).isEqualTo(PopularityBucket.HIDDEN_GEM);
  }

  @Test
  void shareRoundsToTheNearestOneInN() {
    assertThat(Share.of(12, 100)).isEqualTo(new Share(12, 100, 8, false)); // 8.33
    assertThat(Share.of(3, 10)).isEqualTo(new Share(3, 10, 3, false)); // 3.33
    assertThat(Share.of(7, 7)).isEqualTo(new Share(7, 7, 1, true));
  }
}
