package io.reasonflow.reasons.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.JsonLines;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A profile JSON line (from profiles.jsonl.gz or the profiles Kafka topic) to a {@link
 * UserProfile}. A line that is not a profile is logged and counted by the caller's metrics, not a
 * job failure: a bad message must not stop every other shopper's recommendations.
 */
public final class ProfileParser implements FlatMapFunction<String, UserProfile> {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileParser.class);

  @Override
  public void flatMap(String json, Collector<UserProfile> out) {
    try {
      out.collect(JsonLines.MAPPER.readValue(json, UserProfile.class));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      LOG.warn("skipping a profile message that is not a UserProfile: {}", e.getMessage());
    }
  }
}
