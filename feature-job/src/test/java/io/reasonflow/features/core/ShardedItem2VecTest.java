package io.reasonflow.features.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Data-parallel item2vec at small scale: two workers, their shards trained from one shared model
 * and merged each round, learn every item, repeat bit for bit, and learn the corpus's structure as
 * well as one model does.
 */
class ShardedItem2VecTest {
  /** Items of one topic co-occur; items of different topics never do. */
  private static final int TOPICS = 10;

  private static final int PER_TOPIC = 20;

  /**
   * A nearest neighbour in the same topic is what skip-gram must learn here; both trainings must
   * get nearly all of them (one model gets 1.0 on this corpus), and the data-parallel one no fewer
   * than this below one model.
   */
  private static final double TOPIC_PRECISION_TOLERANCE = 0.05;

  private static List<List<String>> corpus() {
    SplittableRandom r = new SplittableRandom(7);
    List<List<String>> seqs = new ArrayList<>();
    for (int s = 0; s < 3_000; s++) {
      int topic = r.nextInt(TOPICS);
      List<String> seq = new ArrayList<>();
      int n = 2 + r.nextInt(8);
      for (int k = 0; k < n; k++) {
        seq.add("item-" + (topic * PER_TOPIC + r.nextInt(PER_TOPIC)));
      }
      seqs.add(seq);
    }
    return seqs;
  }

  private static FeatureSettings settings() {
    return FeatureSettings.from(
        Config.load(
            null,
            Map.of(
                "features.item2vec.dim", "16",
                "features.item2vec.epochs", "4",
                "features.item2vec.batch-size", "256")));
  }

  @Test
  void twoWorkersLearnEveryItemRepeatablyAndAsWellAsOneModel() {
    FeatureSettings s = settings();
    assertThat(s.rounds()).as("rounds default to one per epoch").isEqualTo(4);
    List<String> log = new ArrayList<>();
    Map<String, float[]> once = ShardedItem2Vec.train(corpus(), s, 2, log::add).vectors();
    Map<String, float[]> again = ShardedItem2Vec.train(corpus(), s, 2, line -> {}).vectors();
    Map<String, float[]> single = Item2Vec.train(corpus(), s, line -> {}).vectors();

    assertThat(once).hasSize(TOPICS * PER_TOPIC);
    assertThat(log).anyMatch(l -> l.contains("round 4/4 merged over 2 workers"));
    for (String item : once.keySet()) {
      assertThat(Arrays.equals(again.get(item), once.get(item)))
          .as("%s, a second run", item)
          .isTrue();
    }
    double sharded = topicPrecision(once);
    double one = topicPrecision(single);
    assertThat(one).as("one model").isGreaterThan(0.9);
    assertThat(sharded).as("two workers").isGreaterThan(one - TOPIC_PRECISION_TOLERANCE);
  }

  @Test
  void oneWorkerRoundByRoundStillLearnsTheTopics() {
    // the round machinery alone (vocabulary order, restarting DL4J from given weights, the learning
    // rate schedule across rounds), with nothing to average
    Map<String, float[]> v = ShardedItem2Vec.train(corpus(), settings(), 1, line -> {}).vectors();
    assertThat(v).hasSize(TOPICS * PER_TOPIC);
    assertThat(topicPrecision(v)).isGreaterThan(0.9);
  }

  /** Share of items whose nearest other item by cosine is in the same topic. */
  private static double topicPrecision(Map<String, float[]> vectors) {
    int hits = 0;
    for (Map.Entry<String, float[]> e : vectors.entrySet()) {
      String nearest =
          vectors.entrySet().stream()
              .filter(o -> !o.getKey().equals(e.getKey()))
              .max(Comparator.comparingDouble(o -> dot(e.getValue(), o.getValue())))
              .orElseThrow()
              .getKey();
      if (topic(nearest) == topic(e.getKey())) {
        hits++;
      }
    }
    return (double) hits / vectors.size();
  }

  private static int topic(String item) {
    return Integer.parseInt(item.substring("item-".length())) / PER_TOPIC;
  }

  private static double dot(float[] a, float[] b) {
    double d = 0;
    for (int k = 0; k < a.length; k++) {
      d += a[k] * b[k];
    }
    return d;
  }
}
