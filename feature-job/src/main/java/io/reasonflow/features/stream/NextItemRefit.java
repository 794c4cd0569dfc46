package io.reasonflow.features.stream;

import io.reasonflow.common.NativeLibraries;
import io.reasonflow.common.seqrec.NextItemFile;
import io.reasonflow.features.core.FeatureSettings.SequenceMode;
import io.reasonflow.features.core.IndexedSequences;
import io.reasonflow.features.seqrec.NextItemFit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming job's refit of the next-item model: after each item2vec retraining, on the training
 * thread of {@link RetrainItemModel} and on the same corpus snapshot, the backfill's fit ({@link
 * NextItemFit}, {@code features.linear-next.*}) over the recent shoppers' sequences, published as a
 * {@link NextItemFile} to {@link NextItemRefitSettings#file()} (written aside, then renamed over
 * the previous model: a reader sees the old model or the whole new one). A streaming reason job
 * reading that output picks it up at its next follow check.
 *
 * <p><b>Sequences.</b> The model learns which item follows which in a shopper's time-ordered
 * history, as the backfill fits it on whole histories. In {@code user} sequence mode the corpus
 * already holds one sequence per shopper (their recent sessions joined, capped at {@code
 * features.stream.max-profile-events} items). In {@code session} mode it holds one per session;
 * they are joined per shopper here, in the order of their start, the same way (a repeat across the
 * boundary collapsed, the same cap), so the model also learns the steps from one session to the
 * next; what differs from user mode is only that eviction drops a shopper's oldest sessions one by
 * one rather than the shopper whole.
 *
 * <p><b>Versions.</b> A refit carries the version of the item2vec model trained on the same corpus,
 * in the file's "trained with" line; it is not in operator state of its own: after a restore the
 * corpus is the same (see {@link RetrainItemModel}) and the next training refits and publishes
 * again. A file published before a failure stays readable; the one fitted after the restore
 * replaces it.
 *
 * <p><b>Failure.</b> A refit that fails (the dense inverse cannot be allocated, the Cholesky
 * factorisation fails, the file cannot be written) is logged and counted, and the previous model
 * stays in place; the job goes on. Metrics: counters {@code nextItemModelsPublished}, {@code
 * nextItemRefitsFailed}; gauges {@code nextItemModelVersion}, {@code lastNextItemFitMillis}.
 */
final class NextItemRefit {
  private static final Logger LOG = LoggerFactory.getLogger(NextItemRefit.class);

  private final NextItemRefitSettings s;
  private final SequenceMode mode;
  private final int cap;
  private final int corpusSessions;
  private final Counter published;
  private final Counter failed;
  private volatile long version;
  private volatile long lastFitMillis;

  /** What one refit did; made on the training thread, reported on the task thread. */
  record Outcome(
      long version,
      int shoppers,
      long positions,
      int items,
      long fitMillis,
      long writeMillis,
      Throwable failure) {
    boolean fitted() {
      return failure == null && positions > 0;
    }
  }

  NextItemRefit(StreamSettings settings, MetricGroup metrics) {
    this.s = settings.nextItem();
    if (s.file() == null) {
      throw new IllegalArgumentException("no next-item model file to publish to");
    }
    this.mode = settings.features().sequenceMode();
    this.cap = settings.maxProfileEvents();
    this.corpusSessions = settings.retrainCorpusSessions();
    this.published = metrics.counter("nextItemModelsPublished");
    this.failed = metrics.counter("nextItemRefitsFailed");
    metrics.gauge("nextItemModelVersion", () -> version);
    metrics.gauge("lastNextItemFitMillis", () -> lastFitMillis);
  }

  /**
   * On the training thread: fits on {@code entries} (the corpus: each a key, then its items; oldest
   * first) and publishes the model as version {@code version}. Never throws: a failure is in the
   * outcome.
   */
  Outcome fit(List<String[]> entries, long version) {
    long start = System.currentTimeMillis();
    int shoppers = 0;
    long positions = 0;
    int items = 0;
    try {
      NativeLibraries.load(); // before the first native call of this thread (see its comment)
      IndexedSequences corpus = new IndexedSequences();
      List<List<String>> sequences = shopperSequences(entries, mode, cap);
      for (List<String> seq : sequences) {
        corpus.add(seq, Integer.MAX_VALUE);
      }
      shoppers = corpus.sequences().size();
      positions = corpus.positions();
      items = corpus.itemIds().size();
      if (positions == 0) {
        return new Outcome(version, shoppers, 0, items, 0, 0, null);
      }
      NextItemFile f =
          NextItemFit.fit(
              corpus,
              s.linear(),
              String.format(
                  "streaming refit v%d on the recent sequences of %,d shoppers (at most %,d %s)",
                  version,
                  shoppers,
                  corpusSessions,
                  mode == SequenceMode.USER ? "shoppers" : "sessions"),
              line -> LOG.info("next-item v{}: {}", version, line));
      corpus.releaseSequences();
      long fitted = System.currentTimeMillis();
      if (Thread.currentThread().isInterrupted()) {
        // the task stopped meanwhile (a failover, a cancel): the restored job refits
        throw new InterruptedException("the task stopped before the model was published");
      }
      f.write(Path.of(s.file()));
      long done = System.currentTimeMillis();
      return new Outcome(version, shoppers, positions, items, fitted - start, done - fitted, null);
    } catch (Exception | OutOfMemoryError | LinkageError e) {
      // a dense inverse too large for the memory left, a failed factorisation, a full disk, no
      // native library: the previous model is still in place and serves
      return new Outcome(
          version,
          shoppers,
          positions,
          items,
          System.currentTimeMillis() - start,
          0,
          e instanceof OutOfMemoryError oom ? new IllegalStateException(oom.toString(), oom) : e);
    }
  }

  /** On the task thread: counts and logs what {@link #fit} did. */
  void finished(Outcome o) {
    if (o.failure() != null) {
      failed.inc();
      LOG.warn(
          "next-item model v{} not refitted ({} shoppers, {} positions); {} keeps the previous"
              + " model",
          o.version(),
          o.shoppers(),
          o.positions(),
          s.file(),
          o.failure());
      return;
    }
    if (!o.fitted()) {
      LOG.info(
          "next-item model v{}: no shopper has two items in a row in the corpus; no model fitted",
          o.version());
      return;
    }
    published.inc();
    version = o.version();
    lastFitMillis = o.fitMillis();
    LOG.info(
        String.format(
            "next-item model v%d: fitted on %,d shoppers, %,d positions, %,d items in %.1f s,"
                + " written in %.1f s -> %s",
            o.version(),
            o.shoppers(),
            o.positions(),
            o.items(),
            o.fitMillis() / 1000.0,
            o.writeMillis() / 1000.0,
            s.file()));
  }

  /**
   * The shoppers' time-ordered sequences in a corpus snapshot (each entry: key, then items; oldest
   * entry first): in {@code user} mode the entries themselves, in {@code session} mode (keys {@code
   * shopper \t session start}) each shopper's sessions joined in start order, a repeat across the
   * boundary collapsed, capped at the newest {@code cap} items. Shoppers in order of their first
   * entry, so the item numbering does not depend on hashing.
   */
  static List<List<String>> shopperSequences(List<String[]> entries, SequenceMode mode, int cap) {
    List<List<String>> out = new ArrayList<>(entries.size());
    if (mode == SequenceMode.USER) {
      for (String[] e : entries) {
        out.add(List.of(e).subList(1, e.length));
      }
      return out;
    }
    Map<String, TreeMap<Long, String[]>> byShopper = new LinkedHashMap<>();
    for (String[] e : entries) {
      int tab = e[0].lastIndexOf('\t');
      String shopper = tab < 0 ? e[0] : e[0].substring(0, tab);
      long start = tab < 0 ? 0 : Long.parseLong(e[0].substring(tab + 1));
      byShopper.computeIfAbsent(shopper, k -> new TreeMap<>()).put(start, e);
    }
    for (TreeMap<Long, String[]> sessions : byShopper.values()) {
      List<String> all = List.of();
      for (String[] e : sessions.values()) {
        all = RetrainItemModel.joined(all, List.of(e).subList(1, e.length), cap);
      }
      out.add(all);
    }
    return out;
  }
}
