package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.testing.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 */
class ReasonStreamITCase {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  @TempDir Path dir;

  @Test
  void aProfileUpdateBecomesReasonMessages() throws Exception {
    TinyFeatures f = new TinyFeatures(dir.resolve("features"));
    KAFKA.broker().createTopic("profiles", 2);
    KAFKA.broker().createTopic("reasons", 2);
    Config c =
        f.config
            .with("kafka.bootstrap-servers", KAFKA.bootstrapServers())
            .with("kafka.profiles.topic", "profiles")
            .with("kafka.reasons.topic", "reasons")
            .with("kafka.transaction-timeout", "2m")
            .with("reasons.top-k", "3");
    ReasonStreamJob job = new ReasonStreamJob(c, f.layout.root().toString());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(
        500); // exactly-once: reasons become visible when a checkpoint commits them
    job.wire(env, job.kafkaSource(), job.kafkaSink());
    JobClient client = env.executeAsync("reason-stream-test");
    try {
      KAFKA
          .broker()
          .produce(
              "profiles",
              List.of("this is not a profile", JsonLines.MAPPER.writeValueAsString(f.u1)));

      List<String> out = KAFKA.broker().awaitValues("reasons", 1, Duration.ofSeconds(90));

      assertThat(out).isNotEmpty().hasSizeLessThanOrEqualTo(3);
      for (String json : out) {
        JsonNode r = JsonLines.MAPPER.readTree(json);
        assertThat(r.get("userId").asText()).isEqualTo("u1");
        assertThat(r.get("itemId").asText()).isNotIn(f.u1.seenItems());
        assertThat(r.get("reason").asText())
            .containsAnyOf("OPI nail polish", "Avalon shampoo"); // names by brand + type
        assertThat(r.get("claims").findValuesAsText("claim")).contains("AnchorClaim");
      }
      assertThat(out.stream().map(s -> s.replaceAll(".*\"rank\":(\\d+).*", "$1")).toList())
          .as("ranks from 1, each once")
          .doesNotHaveDuplicates()
          .contains("1");
    } finally {
      client.cancel().get();
    }
  }
}
