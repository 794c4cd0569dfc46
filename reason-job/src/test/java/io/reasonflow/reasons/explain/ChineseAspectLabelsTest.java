package io.reasonflow.reasons.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.reasons.SharedData;
import io.reasonflow.reasons.aspects.Mention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Precision of the Chinese aspect miner against {@code aspect-labels/zh-shopping-50.tsv}: 50
 * (sentence, aspect, polarity) pairs drawn with a fixed seed from the example sentences and judged
 * by reading the sentence (how: that file's header). Skipped without the data.
 */
class ChineseAspectLabelsTest {
  static final Path LABELS = Path.of("src/test/resources/aspect-labels/zh-shopping-50.tsv");

  /** Every mention of every example sentence, in dataset order; 50 drawn with Random(14). */
  static List<String[]> draw(ExplanationDataset data) {
    ChineseAspectMiner miner =
        new ChineseAspectMiner(
            ChineseAspectLexicon.of(data.vocabulary().aspects().toArray(String[]::new)));
    List<String[]> all = new ArrayList<>();
    for (ExplanationExample e : data.examples()) {
      for (Mention m : miner.mine(e.sentence())) {
        all.add(
            new String[] {e.reviewId(), m.aspect(), Integer.toString(m.polarity()), e.sentence()});
      }
    }
    Random rnd = new Random(14);
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      out.add(all.remove(rnd.nextInt(all.size())));
    }
    return out;
  }

  @Test
  void minedPairsAreRightOftenEnoughByTheLabelledSample() throws IOException {
    Path dir = SharedData.dir().resolve("zh-shopping-reviews");
    assumeTrue(Files.isRegularFile(dir.resolve("reviews.tsv.gz")), "no data at " + dir);
    ExplanationDataset data = ChineseExampleBuilder.read(dir, ReviewSplit.DEFAULT_SEED, s -> {});
    List<String[]> drawn = draw(data);
    if (!Files.exists(LABELS)) {
      Path out = Path.of("target/zh-aspect-sample-50.tsv");
      List<String> lines = new ArrayList<>();
      drawn.forEach(d -> lines.add(String.join("\t", d)));
      Files.write(out, lines);
      throw new AssertionError("label " + out + " and save it as " + LABELS);
    }
    int right = 0;
    int n = 0;
    for (String line : Files.readAllLines(LABELS)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      String[] d = drawn.get(n++);
      assertThat(String.join("|", f[0], f[1], f[2], f[3]))
          .as("the fixture is the draw this test makes")
          .isEqualTo(String.join("|", d));
      if (f[4].equals("1")) {
        right++;
      }
    }
    assertThat(n).isEqualTo(50);
    System.out.printf("zh aspect-opinion precision on the labelled sample: %d/50%n", right);
    assertThat(right).as("labelled precision").isGreaterThanOrEqualTo(40);
  }
}
