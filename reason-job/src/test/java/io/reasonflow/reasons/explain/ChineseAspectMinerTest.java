package io.reasonflow.reasons.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.reasonflow.reasons.aspects.Mention;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChineseAspectMinerTest {
  static final ChineseAspectMiner MINER =
      new ChineseAspectMiner(ChineseAspectLexicon.of("服务", "价格", "性价比", "速度", "质量"));

  @Test
  void pairsAnAspectWithTheOpinionAfterDegreeAndNegationWords() {
    assertThat(MINER.mine("服务很好，价格也不贵，性价比不错"))
        .extracting(Mention::aspect, Mention::polarity, Mention::opinion)
        .containsExactly(tuple("服务", 1, "好"), tuple("价格", 1, "不贵"), tuple("性价比", 1, "不错"));
    // "好快" is "so fast"; "不是很好" is negated praise
    assertThat(MINER.mine("速度好快，质量不是很好"))
        .extracting(Mention::aspect, Mention::polarity, Mention::opinion)
        .containsExactly(tuple("速度", 1, "快"), tuple("质量", -1, "不好"));
    assertThat(MINER.mine("服务员说价格要商量")).isEmpty();
  }

  @Test
  void storedOpinionsReadBackTheirPolarity() {
    assertThat(ChineseAspectMiner.polarity("不错")).isEqualTo(1);
    assertThat(ChineseAspectMiner.polarity("不好")).isEqualTo(-1);
    assertThat(ChineseAspectMiner.polarity("不贵")).isEqualTo(1);
    assertThat(ChineseAspectMiner.polarity("嗯")).isZero();
    assertThat(EnglishExampleBuilder.polarity("great")).isEqualTo(1);
    assertThat(EnglishExampleBuilder.polarity("not great")).isEqualTo(-1);
  }

  @Test
  void growKeepsFrequentAspectsAndDropsStopWordsAndFragments() {
    List<String> reviews = new ArrayList<>();
    reviews.addAll(Collections.nCopies(20, "服务很好"));
    reviews.addAll(Collections.nCopies(20, "感觉很好")); // a stop word
    reviews.addAll(Collections.nCopies(20, "性价比不错")); // 价比 is a fragment of it
    reviews.addAll(Collections.nCopies(19, "早餐很差")); // one review short
    assertThat(ChineseAspectLexicon.grow(reviews, 20).aspects()).containsExactly("性价比", "服务");
  }
}
