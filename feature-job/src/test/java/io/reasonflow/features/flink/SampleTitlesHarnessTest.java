package io.reasonflow.features.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Item;
import io.reasonflow.features.core.TitleSample;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link SampleTitles} ({@code sample-content-titles}) under Flink's harness: nothing until its
 * input ends, then one {@link TitleCandidates} with its sample of the titles (at most the sample's
 * size, the smallest hashes, never a title without a word), its count of entries and of entries
 * with a word.
 */
class SampleTitlesHarnessTest {
  @Test
  void sendsItsSampleAndItsCountsOnceAtTheEnd() throws Exception {
    List<Item> items =
        List.of(
            Item.ofTitle("a", "opi nail lacquer"),
            Item.ofTitle("b", "essie nail lacquer"),
            Item.ofTitle("c", "nioxin shampoo"),
            Item.ofTitle("d", "loreal shampoo"),
            Item.ofTitle("e", "12 oz pack")); // no word to learn from
    try (var h = new OneInputStreamOperatorTestHarness<>(new SampleTitles(2, 42))) {
      h.open();
      for (Item i : items) {
        h.processElement(i, 0);
      }
      assertThat(h.extractOutputValues()).isEmpty();
      h.endInput();
      List<TitleCandidates> out = h.extractOutputValues();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).seen()).isEqualTo(5);
      assertThat(out.get(0).worded()).isEqualTo(4);
      TitleSample want = new TitleSample(2, 42);
      items.forEach(i -> want.add(new TitleSample.Entry(i.id(), i.title())));
      assertThat(Arrays.stream(out.get(0).titles()).map(TitleSample.Entry::id))
          .containsExactlyElementsOf(want.entries().stream().map(TitleSample.Entry::id).toList())
          .hasSize(2);
    }
  }
}
