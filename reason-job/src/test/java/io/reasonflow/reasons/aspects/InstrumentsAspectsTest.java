package io.reasonflow.reasons.aspects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.TimestampUnit;
import io.reasonflow.common.model.EventType;
import io.reasonflow.reasons.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Aspect mining measured on the real Instruments reviews (../shared/data/amazon-instruments-2014):
 * the lexicon it grows, the top aspects of the most reviewed items, and the precision of mined
 * (aspect, polarity) pairs against {@code aspect-labels/instruments-50.tsv}, 50 pairs drawn with a
 * fixed seed and judged by reading their sentence (how: that file's header). Skipped without the
 * data.
 */
class InstrumentsAspectsTest {
  static final EventSchema INSTRUMENTS =
      new EventSchema(
          "reviewerID",
          "asin",
          "unixReviewTime",
          null,
          null,
          TimestampUnit.SECONDS,
          EventType.REVIEW,
          "summary,reviewText");
  static ReviewAspects store;

  @BeforeAll
  static void read() {
    Path reviews = SharedData.file("amazon-instruments-2014/reviews.jsonl.gz");
    assumeTrue(Files.isRegularFile(reviews), "no Instruments data at " + reviews);
    store = ReviewAspects.read(reviews, INSTRUMENTS, ReviewAspects.DEFAULT_MIN_REVIEWS);
  }

  /** The 50 (review, aspect, polarity) pairs the fixture labels, drawn with seed 13. */
  static List<String[]> sample() {
    List<String[]> all = new ArrayList<>();
    store.reviews().stream()
        .sorted(Comparator.comparing(Review::id))
        .forEach(
            r -> {
              for (Mention m : store.mentions(r.id())) {
                all.add(
                    new String[] {
                      r.id(),
                      m.aspect(),
                      Integer.toString(m.polarity()),
                      m.sentence().replaceAll("\\s+", " ")
                    });
              }
            });
    Random rnd = new Random(13);
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      out.add(all.remove(rnd.nextInt(all.size())));
    }
    return out;
  }

  @Test
  void printsTheLexiconAndTopAspectsOfTheMostReviewedItems() {
    System.out.println("lexicon (" + store.lexicon().size() + "): " + store.lexicon().keys());
    long mentions = store.reviews().stream().mapToLong(r -> store.mentions(r.id()).size()).sum();
    long withAny = store.reviews().stream().filter(r -> !store.mentions(r.id()).isEmpty()).count();
    System.out.printf(
        "%d reviews with text, %d mentions, %d reviews with at least one%n",
        store.reviews().size(), mentions, withAny);
    long quotable =
        store.reviews().stream()
            .map(Review::itemId)
            .distinct()
            .filter(i -> !new AspectReasons(store, 5).praised(i).isEmpty())
            .count();
    System.out.printf(
        "%d of %d items have an aspect at least 5 reviewers praise, more than complain%n",
        quotable, store.reviews().stream().map(Review::itemId).distinct().count());
    List<String> items =
        store.reviews().stream()
            .map(Review::itemId)
            .distinct()
            .sorted(
                Comparator.comparingInt((String i) -> store.reviewers(i))
                    .reversed()
                    .thenComparing(i -> i))
            .limit(5)
            .toList();
    for (String item : items) {
      StringBuilder sb = new StringBuilder(item + " (" + store.reviewers(item) + " reviewers):");
      store.aspects(item).stream()
          .limit(6)
          .forEach(
              a ->
                  sb.append(' ')
                      .append(store.lexicon().name(a.aspect()))
                      .append(" +")
                      .append(a.praising())
                      .append("/-")
                      .append(a.complaining()));
      System.out.println(sb);
    }
    assertThat(store.lexicon().keys()).contains("tone", "sound quality", "price");
    assertThat(store.reviews())
        .hasSize(10_261); // with the summary every review has text (7 have no reviewText)
  }

  @Test
  void minedPairsAreRightOftenEnoughByTheLabelledSample() throws IOException {
    Path labels = Path.of("src/test/resources/aspect-labels/instruments-50.tsv");
    List<String[]> drawn = sample();
    if (!Files.exists(labels)) {
      Path out = Path.of("target/aspect-sample-50.tsv");
      List<String> lines = new ArrayList<>();
      drawn.forEach(d -> lines.add(String.join("\t", d)));
      Files.write(out, lines);
      throw new AssertionError("label " + out + " and save it as " + labels);
    }
    int right = 0;
    int n = 0;
    for (String line : Files.readAllLines(labels)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      String[] d = drawn.get(n++);
      assertThat(f[0] + "|" + f[1] + "|" + f[2])
          .as("the fixture is the draw this test makes")
          .isEqualTo(d[0] + "|" + d[1] + "|" + d[2]);
      assertThat(f[3]).isEqualTo(d[3]);
      if (f[4].equals("1")) {
        right++;
      }
    }
    assertThat(n).isEqualTo(50);
    System.out.printf(
        "precision of 50 mined (aspect, polarity) pairs: %d/50 = %.2f%n", right, right / 50.0);
    assertThat(right).isGreaterThanOrEqualTo(38);
  }
}
