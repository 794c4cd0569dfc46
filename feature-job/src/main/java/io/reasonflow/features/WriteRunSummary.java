package io.reasonflow.features;

import io.reasonflow.common.model.EventType;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.features.flink.CountEventTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a detached (cluster) backfill: sums the per-subtask totals of item rows, co-view
 * pairs and profiles ({@code CountRecords}, one record per subtask; a profile per shopper, so the
 * profiles are the summary's users, which the reason job's client reads rather than count the
 * snapshot), gathers the event types the subtasks parsed ({@link CountEventTypes}, one record per
 * type and subtask) and writes summary.json at the end of input, the file {@link
 * FeatureJob#runBatch} writes on its client. Parallelism 1, a handful of records.
 *
 * <p>The counters that only accumulators know (events kept, dead letters, sessions, item2vec time)
 * are -1 here; a detached run's client never sees accumulators. They are on the job's REST endpoint
 * {@code /jobs/:jobid/accumulators} and in the web UI.
 */
final class WriteRunSummary extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<Tuple2<String, Long>, Void>, BoundedOneInput {
  private static final Logger LOG = LoggerFactory.getLogger(WriteRunSummary.class);
  private static final long serialVersionUID = 1L;
  static final String ITEMS = "items";
  static final String PAIRS = "pairs";
  static final String USERS = "users";
  private final String summaryFile;
  private final long modelVersion;
  private final long startMillis;
  private transient long items;
  private transient long pairs;
  private transient long users;
  private transient EnumSet<EventType> eventTypes;

  WriteRunSummary(Path summaryFile, long modelVersion, long startMillis) {
    this.summaryFile = summaryFile.toString();
    this.modelVersion = modelVersion;
    this.startMillis = startMillis;
  }

  @Override
  public void open() throws Exception {
    super.open();
    eventTypes = EnumSet.noneOf(EventType.class);
  }

  @Override
  public void processElement(StreamRecord<Tuple2<String, Long>> element) {
    Tuple2<String, Long> t = element.getValue();
    EventType type = CountEventTypes.typeOf(t.f0);
    if (ITEMS.equals(t.f0)) {
      items += t.f1;
    } else if (PAIRS.equals(t.f0)) {
      pairs += t.f1;
    } else if (USERS.equals(t.f0)) {
      users += t.f1;
    } else if (type != null && t.f1 > 0) {
      eventTypes.add(type);
    }
  }

  @Override
  public void endInput() {
    FeatureRunSummary summary =
        new FeatureRunSummary(
            -1,
            -1,
            users,
            items,
            -1,
            pairs,
            modelVersion,
            -1,
            System.currentTimeMillis() - startMillis,
            List.copyOf(eventTypes));
    try {
      JsonLines.MAPPER
          .writerWithDefaultPrettyPrinter()
          .writeValue(Path.of(summaryFile).toFile(), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + summaryFile, e);
    }
    LOG.info(
        String.format(
            "cluster backfill: %,d shoppers, %,d items, %,d co-view pairs, event types %s -> %s",
            users, items, pairs, summary.eventTypes(), summaryFile));
  }
}
