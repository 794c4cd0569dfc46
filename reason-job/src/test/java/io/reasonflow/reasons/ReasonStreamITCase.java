package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.IndexBuilder;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.IndexVersions;
import io.reasonflow.testing.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming reason job against a real KRaft broker and a real Flink MiniCluster: a profile
 * update on the profiles topic comes out as the shopper's recommendations with verified reasons on
 * the reasons topic, exactly once (transactions committed on checkpoints), and a message that is
 * not a profile does not stop the job.
 *
 * <p>The job is given a version root, as deployed, and follows {@code publish}: after a backfill
 * with new co-view counts is published, the shopper's next reasons quote the new figures and record
 * the new version; a published directory that is not a feature job's output is refused and the job
 * keeps reasoning from the version it has; and a next-item model published in the version's place
 * (the streaming feature job's refits) re-ranks the shopper's lists without a new version. One job
 * for all, so the suite starts one MiniCluster.
 */
class ReasonStreamITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  static final Duration WAIT = Duration.ofSeconds(90);
  @TempDir Path dir;

  @Test
  void profileUpdatesBecomeReasonMessagesFromThePublishedVersion() throws Exception {
    Path root = dir.resolve("features");
    TinyFeatures v1 = new TinyFeatures(root.resolve("v1"));
    index(v1.layout);
    IndexVersions.publish(root, v1.layout.index());
    // the next backfill: the same catalogue, twice the co-views of A and C (24 of C's 100)
    TinyFeatures v2 = new TinyFeatures(root.resolve("v2"));
    CoViewTable.write(
        v2.layout.coViews(),
        Map.of(
            CoViewTable.key("A", "C"),
            24,
            CoViewTable.key("A", "B"),
            3,
            CoViewTable.key("D", "E"),
            5));
    index(v2.layout);

    KAFKA.broker().createTopic("profiles", 2);
    KAFKA.broker().createTopic("reasons", 2);
    Config c =
        v1.config
            .with("kafka.bootstrap-servers", KAFKA.bootstrapServers())
            .with("kafka.profiles.topic", "profiles")
            .with("kafka.reasons.topic", "reasons")
            .with("kafka.transaction-timeout", "2m")
            .with("reasons.top-k", "3")
            .with("reasons.stream.follow-interval", "1ms");
    ReasonStreamJob job = new ReasonStreamJob(ReasonSettings.from(c), root.toString());
    ReasonKafkaSettings kafka = ReasonKafkaSettings.from(c);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(
        300); // exactly-once: reasons become visible when a checkpoint commits them
    job.wire(env, kafka.profilesSource(), kafka.reasonsSink());
    JobClient client = env.executeAsync("reason-stream-test");
    try {
      String u1 = JsonLines.MAPPER.writeValueAsString(v1.u1);
      KAFKA.broker().produce("profiles", List.of("this is not a profile", u1));

      List<String> out = KAFKA.broker().awaitValues("reasons", 1, WAIT);

      assertThat(out).isNotEmpty().hasSizeLessThanOrEqualTo(3);
      for (String json : out) {
        JsonNode r = JsonLines.MAPPER.readTree(json);
        assertThat(r.get("userId").asText()).isEqualTo("u1");
        assertThat(r.get("itemId").asText()).isNotIn(v1.u1.seenItems());
        assertThat(r.get("reason").asText())
            .containsAnyOf("OPI nail polish", "Avalon shampoo"); // names by brand + type
        assertThat(r.get("claims").findValuesAsText("claim")).contains("AnchorClaim");
        assertThat(r.get("featuresVersion").asText()).isEqualTo("v1");
      }
      assertThat(out.stream().map(s -> s.replaceAll(".*\"rank\":(\\d+).*", "$1")).toList())
          .as("ranks from 1, each once")
          .doesNotHaveDuplicates()
          .contains("1");

      JsonNode before = reasonForCUntil("v1", u1);
      assertThat(coViews(before)).isEqualTo(12);

      IndexVersions.publish(root, v2.layout.index());
      JsonNode after = reasonForCUntil("v2", u1);
      assertThat(coViews(after)).isEqualTo(24);
      System.out.printf(
          "[figures] v1 reason: %s%n[figures] v2 reason: %s%n",
          before.get("reason"), after.get("reason"));
      assertThat(after.get("reason").asText()).isNotEqualTo(before.get("reason").asText());

      // an index published without the outputs beside it: refused, the job stays on v2
      Path bare = root.resolve("bare").resolve("index");
      IndexBuilder.build(v2.layout.items(), bare, IndexSettings.DEFAULT);
      IndexVersions.publish(root, bare);
      int seen = KAFKA.broker().consumeAll("reasons", WAIT).size();
      for (int round = 0; round < 3; round++) {
        KAFKA.broker().produce("profiles", List.of(u1));
        seen = KAFKA.broker().awaitValues("reasons", seen + 1, WAIT).size();
      }
      List<String> all = KAFKA.broker().consumeAll("reasons", WAIT);
      assertThat(versions(all.subList(all.size() - 3, all.size()))).containsOnly("v2");

      // next-item models published in v2's place, as the streaming feature job's refits are: the
      // shopper's lists are ranked by each in turn, still read from v2
      TinyFeatures.nextItemAfterA("E", "streaming refit v2").write(v2.layout.nextItemModel());
      assertThat(rankedFirstUntil("E", u1).get("featuresVersion").asText()).isEqualTo("v2");
      TinyFeatures.nextItemAfterA("C", "streaming refit v3").write(v2.layout.nextItemModel());
      assertThat(rankedFirstUntil("C", u1).get("featuresVersion").asText()).isEqualTo("v2");
    } finally {
      client.cancel().get();
    }
  }

  /**
   * Sends the shopper's profile until a reason for item C read from {@code version} comes out, and
   * returns it (a publish takes effect at the first flush past the follow interval, here 1 ms:
   * every flush).
   */
  private JsonNode reasonForCUntil(String version, String profile) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int seen = KAFKA.broker().consumeAll("reasons", WAIT).size();
    while (System.nanoTime() < deadline) {
      KAFKA.broker().produce("profiles", List.of(profile));
      List<String> out = KAFKA.broker().awaitValues("reasons", seen + 1, WAIT);
      for (String json : out.subList(seen, out.size())) {
        JsonNode r = JsonLines.MAPPER.readTree(json);
        if (version.equals(r.path("featuresVersion").asText())
            && "C".equals(r.get("itemId").asText())) {
          return r;
        }
      }
      seen = out.size();
    }
    throw new AssertionError("no reason for C read from " + version + " within " + WAIT);
  }

  /** Sends the shopper's profile until a list ranks {@code item} first, and returns that reason. */
  private JsonNode rankedFirstUntil(String item, String profile) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int seen = KAFKA.broker().consumeAll("reasons", WAIT).size();
    while (System.nanoTime() < deadline) {
      KAFKA.broker().produce("profiles", List.of(profile));
      List<String> out = KAFKA.broker().awaitValues("reasons", seen + 1, WAIT);
      for (String json : out.subList(seen, out.size())) {
        JsonNode r = JsonLines.MAPPER.readTree(json);
        if (r.get("rank").asInt() == 1 && item.equals(r.get("itemId").asText())) {
          return r;
        }
      }
      seen = out.size();
    }
    throw new AssertionError("no list ranked " + item + " first within " + WAIT);
  }

  /** The co-view figure of the reason's first anchor, A: the one a publish changes. */
  private static int coViews(JsonNode reason) {
    JsonNode anchor = reason.get("evidence").get("anchors").get(0);
    assertThat(anchor.get("itemId").asText()).isEqualTo("A");
    return anchor.get("coViews").get("value").asInt();
  }

  private static List<String> versions(List<String> reasons) throws Exception {
    List<String> out = new ArrayList<>();
    for (String json : reasons) {
      out.add(JsonLines.MAPPER.readTree(json).path("featuresVersion").asText());
    }
    return out;
  }

  private static void index(FeatureLayout layout) {
    IndexBuilder.build(layout.items(), layout.index(), IndexSettings.DEFAULT);
  }
}
