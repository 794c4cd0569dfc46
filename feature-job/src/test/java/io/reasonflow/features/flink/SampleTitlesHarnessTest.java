package io.reasonflow.features.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.features.core.TitleSample;
import io.reasonflow.features.core.TitledItem;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link SampleTitles} ({@code sample-content-titles}) under Flink's harness: nothing until its
 * input ends, then one {@link TitleCandidates} with its sample of the titles (at most the sample's
 * size, the smallest hashes), its count of items and of cold items.
 */
class SampleTitlesHarnessTest {
  @Test
  void sendsItsSampleAndItsColdCountOnceAtTheEnd() throws Exception {
    List<TitledItem> items =
        List.of(
            new TitledItem("a", "opi nail lacquer", new float[] {1, 0}),
            new TitledItem("b", "essie nail lacquer", new float[] {0, 1}),
            new TitledItem("c", "nioxin shampoo", null),
            new TitledItem("d", "loreal shampoo", new float[] {1, 1}),
            new TitledItem("e", "12 oz pack", null)); // cold, but no word to learn from
    try (var h = new OneInputStreamOperatorTestHarness<>(new SampleTitles(2, 42))) {
      h.open();
      for (TitledItem i : items) {
        h.processElement(i, 0);
      }
      assertThat(h.extractOutputValues()).isEmpty();
      h.endInput();
      List<TitleCandidates> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).seen()).isEqualTo(5);
      assertThat(out.get(0).cold()).isEqualTo(2);
      TitleSample want = new TitleSample(2, 42);
      want.addAll(items);
      assertThat(Arrays.stream(out.get(0).items()).map(TitledItem::id))
          .containsExactlyElementsOf(want.items().stream().map(TitledItem::id).toList())
          .hasSize(2);
    }
  }
}
