package io.reasonflow.features;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.features.core.CoViews;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.flink.ItemFact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The last step of the backfill when it runs on a cluster: receives every {@link ItemFact} (final pair counts,
 * shopper counts, item vectors; BATCH mode emits each keyed sum once) and, at end of input, writes coviews.tsv.gz,
 * items.jsonl.gz (joined with the catalogue, with content vectors for cold items) and summary.json, the same files
 * {@link FeatureJob#runBatch} writes on its client. On a cluster the client is gone (detached submission) or is the
 * JobManager, so the join runs in one task (parallelism 1) instead; paths must be readable and writable by the
 * TaskManagers (a shared file system).
 *
 * <p>summary.json: the counters that only accumulators know (events kept, dead letters, users, sessions, item2vec
 * time) are -1 here; a detached run's client never sees accumulators. They are on the job's REST endpoint
 * {@code /jobs/:jobid/accumulators} and in the web UI.
 */
final class WriteFeatureOutputs extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<ItemFact, Void>, BoundedOneInput {
  private static final long serialVersionUID = 1L;
  private final Config config;
  private final String items;
  private final String out;
  private final long modelVersion;
  private final long startMillis;
  private transient Map<String, Integer> pairCounts;
  private transient Map<String, Integer> shoppers;
  private transient Map<String, float[]> vectors;

  WriteFeatureOutputs(Config config, Path items, Path out, long modelVersion, long startMillis) {
    this.config = config;
    this.items = items == null ? null : items.toString();
    this.out = out.toString();
    this.modelVersion = modelVersion;
    this.startMillis = startMillis;
  }

  @Override
  public void open() throws Exception {
    super.open();
    pairCounts = new HashMap<>();
    shoppers = new HashMap<>();
    vectors = new HashMap<>();
  }

  @Override
  public void processElement(StreamRecord<ItemFact> element) {
    ItemFact f = element.getValue();
    switch (f.kind()) {
      case PAIR -> pairCounts.put(f.key(), Math.toIntExact(f.count()));
      case SHOPPERS -> shoppers.put(f.key(), Math.toIntExact(f.count()));
      case VECTOR -> vectors.put(f.key(), f.vector());
    }
  }

  @Override
  public void endInput() {
    FeatureJob job = new FeatureJob(config);
    FeatureSettings settings = FeatureSettings.from(config);
    FeatureLayout layout = new FeatureLayout(Path.of(out));
    Map<String, Item> catalogue = FeatureJob.readCatalogue(items == null ? null : Path.of(items));
    CoViewTable.write(layout.coViews(), pairCounts);
    Map<String, List<CoView>> neighbours = CoViews.neighbours(pairCounts, shoppers, settings.coViewTopN());
    long written = job.writeItems(layout, catalogue, shoppers, vectors, neighbours, modelVersion);
    FeatureRunSummary summary = new FeatureRunSummary(-1, -1, -1, written, -1, pairCounts.size(), modelVersion, -1,
        System.currentTimeMillis() - startMillis);
    try {
      JsonLines.MAPPER.writerWithDefaultPrettyPrinter().writeValue(layout.summary().toFile(), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + layout.summary(), e);
    }
    FeatureJob.log("cluster backfill: %,d items, %,d co-view pairs -> %s", written, pairCounts.size(), out);
  }
}
