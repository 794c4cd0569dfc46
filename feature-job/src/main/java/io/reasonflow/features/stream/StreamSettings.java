package io.reasonflow.features.stream;

import io.reasonflow.common.config.Config;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.index.ShardLayout;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The {@code kafka.*} and streaming {@code features.*} keys, read and validated once on the client
 * (operators carry these plain values). The batch keys the streaming job shares (session gap,
 * item2vec dimension, profile half-life, co-view top-n ...) stay in {@link FeatureSettings}, so
 * both paths define every figure the same way.
 */
public record StreamSettings(
    FeatureSettings features,
    String bootstrapServers,
    String eventsTopic,
    String groupId,
    StartingOffsets startingOffsets,
    String deadLetterTopic,
    String itemsTopic,
    String profilesTopic,
    String transactionalIdPrefix,
    long transactionTimeoutMs,
    DeliveryGuarantee deliveryGuarantee,
    long idlenessMs,
    long allowedLatenessMs,
    long checkpointIntervalMs,
    String indexDir,
    String profileStore,
    int storeShards,
    String model,
    int maxOpenEvents,
    int maxProfileEvents,
    int maxUserItems,
    int maxUserPairs,
    int maxItemNeighbours,
    int retrainEverySessions,
    long retrainEveryMs,
    int retrainCorpusSessions,
    long stateTtlMs,
    String modelDir,
    NextItemRefitSettings nextItem)
    implements Serializable {

  /**
   * Brokers reject a transaction timeout above their {@code transaction.max.timeout.ms}, 15 minutes
   * by default.
   */
  public static final long MAX_TRANSACTION_TIMEOUT_MS = Duration.ofMinutes(15).toMillis();

  /** Where a job without a checkpoint starts reading the events topic. */
  public enum StartingOffsets {
    EARLIEST,
    LATEST,
    COMMITTED
  }

  public static StreamSettings from(Config c) {
    FeatureSettings f = FeatureSettings.from(c);
    long txTimeout = c.duration("kafka.transaction-timeout").toMillis();
    if (txTimeout < 1000 || txTimeout > MAX_TRANSACTION_TIMEOUT_MS) {
      throw c.bad(
          "kafka.transaction-timeout",
          "must be between 1s and 15m (brokers' default transaction.max.timeout.ms)");
    }
    long checkpoint = c.duration("features.stream.checkpoint-interval").toMillis();
    if (checkpoint < 10 || checkpoint >= txTimeout) {
      throw c.bad(
          "features.stream.checkpoint-interval",
          "must be at least 10ms and shorter than kafka.transaction-timeout (a transaction spans a checkpoint)");
    }
    long idleness = c.duration("features.watermark.idleness").toMillis();
    if (idleness <= 0) {
      throw c.bad("features.watermark.idleness", "must be positive");
    }
    return new StreamSettings(
        f,
        required(c, "kafka.bootstrap-servers"),
        required(c, "kafka.events.topic"),
        required(c, "kafka.group-id"),
        c.enumValue("kafka.starting-offsets", StartingOffsets.class),
        required(c, "kafka.dead-letter.topic"),
        required(c, "kafka.items.topic"),
        required(c, "kafka.profiles.topic"),
        required(c, "kafka.transactional-id-prefix"),
        txTimeout,
        c.enumValue("kafka.sink.delivery-guarantee", DeliveryGuarantee.class),
        idleness,
        c.duration("features.watermark.allowed-lateness").toMillis(),
        checkpoint,
        c.optionalString("features.stream.index-dir"),
        c.optionalString("features.stream.profile-store"),
        c.integer("features.stream.store-shards", 1, ShardLayout.MAX_SHARDS),
        c.optionalString("features.stream.model"),
        c.integer("features.stream.max-open-events", 2, 10_000_000),
        c.integer("features.stream.max-profile-events", 1, 10_000_000),
        c.integer("features.stream.max-user-items", 1, 100_000_000),
        c.integer("features.stream.max-user-pairs", 1, 100_000_000),
        c.integer("features.stream.max-item-neighbours", 1, 10_000_000),
        c.integer("features.stream.retrain.every-sessions", 0, Integer.MAX_VALUE),
        c.duration("features.stream.retrain.every").toMillis(),
        c.integer("features.stream.retrain.corpus-sessions", 1, 100_000_000),
        c.duration("features.stream.state-ttl").toMillis(),
        modelDir(c),
        NextItemRefitSettings.from(c));
  }

  /**
   * {@code features.stream.model-dir}, or when empty a directory beside the index ({@code
   * <features.stream.index-dir>-models}), or null when neither is set.
   */
  private static String modelDir(Config c) {
    String dir = c.optionalString("features.stream.model-dir");
    if (dir != null) {
      return dir;
    }
    String index = c.optionalString("features.stream.index-dir");
    return index == null ? null : stripSlash(index) + "-models";
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
  }

  /** Whether the job retrains item2vec at all (by session count, by time, or both). */
  public boolean retrainEnabled() {
    return retrainEverySessions > 0 || retrainEveryMs > 0;
  }

  /**
   * Whether each item2vec retraining is followed by a refit of the next-item model on the same
   * corpus ({@link NextItemRefit}).
   */
  public boolean refitNextItem() {
    return retrainEnabled() && nextItem.enabled();
  }

  private static String required(Config c, String key) {
    String v = c.optionalString(key);
    if (v == null) {
      throw c.bad(key, "must not be empty");
    }
    return v;
  }

  /** The index directory, or a user error naming the key when it is not set. */
  public Path indexPath(Config c) {
    if (indexDir == null) {
      throw c.bad(
          "features.stream.index-dir", "must name the index directory the streaming job writes");
    }
    return Path.of(indexDir);
  }

  public String describe() {
    String retrain =
        retrainEnabled()
            ? String.format(
                Locale.ROOT,
                "retrain every %s sessions / %s ms on the latest %d sequences%s",
                retrainEverySessions > 0 ? Integer.toString(retrainEverySessions) : "-",
                retrainEveryMs > 0 ? Long.toString(retrainEveryMs) : "-",
                retrainCorpusSessions,
                refitNextItem() ? ", refitting the next-item model to " + nextItem.file() : "")
            : "no retraining";
    return String.format(
        Locale.ROOT,
        "%s topic %s (group %s, start %s), checkpoints every %d ms, %s",
        bootstrapServers,
        eventsTopic,
        groupId,
        startingOffsets.name().toLowerCase(Locale.ROOT),
        checkpointIntervalMs,
        retrain);
  }
}
