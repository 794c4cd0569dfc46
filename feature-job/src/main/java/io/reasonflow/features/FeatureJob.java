package io.reasonflow.features;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.io.EventLineParser;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.InputFiles;
import io.reasonflow.common.io.ItemFileReader;
import io.reasonflow.common.io.LineReader;
import io.reasonflow.common.io.RawLine;
import io.reasonflow.common.io.RecordFormat;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.features.core.CoViews;
import io.reasonflow.features.core.ContentModelFile;
import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.UserHistory;
import io.reasonflow.features.flink.AssembleItemFeatures;
import io.reasonflow.features.flink.BuildUserHistory;
import io.reasonflow.features.flink.PairSides;
import io.reasonflow.features.flink.ParseEvents;
import io.reasonflow.features.flink.ParseItems;
import io.reasonflow.features.flink.TrainItem2Vec;
import io.reasonflow.features.flink.TrainItem2VecRound;
import io.reasonflow.features.flink.TrainNextItem;
import io.reasonflow.features.flink.TrainSeqRec;
import io.reasonflow.features.seqrec.NextItemBackfill;
import io.reasonflow.features.seqrec.SeqRecBackfill;
import io.reasonflow.features.sinks.IndexShardSink;
import io.reasonflow.index.IndexSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backfill on the caller's environment: historical event files (and a catalogue) in, every
 * output of {@link FeatureLayout} out. Runs the {@link FeatureBatchJob} (which does all the work in
 * keyed operators and writes each output as a directory of part files) and then, on the client,
 * only reads the job's counters into summary.json. Definitions of every figure: {@link
 * UserHistory}, {@link CoViews}, {@link io.reasonflow.features.core.Profiles}.
 *
 * <p>Model version: the run's start time in epoch milliseconds, so every backfill's vectors are
 * told apart and later runs sort after earlier ones.
 */
public final class FeatureJob {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureJob.class);
  private final Config config;
  private final FeatureSettings settings;
  private final ContentVectors.Settings content;
  private final EventSchema schema;

  public FeatureJob(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.settings = FeatureSettings.from(config);
    this.content = ContentVectors.Settings.from(config);
    this.schema = EventSchemas.from(config);
  }

  public Config config() {
    return config;
  }

  /**
   * @param env where the job runs (the CLI's local environment in BATCH mode, a test's
   *     MiniCluster); its parallelism is the job's
   * @param items the catalogue (file or directory), or null
   * @param out output directory; the outputs of a previous run in it are replaced
   */
  public FeatureRunSummary runBatch(
      StreamExecutionEnvironment env, Path events, Path items, Path out) {
    return runBatch(env, events, items, out, false);
  }

  /**
   * As {@link #runBatch(StreamExecutionEnvironment, Path, Path, Path)}; with {@code writeIndex},
   * the job also writes the item index to {@code out}/index, one shard per subtask of its item
   * operator ({@code index.*} settings), in place of a separate {@code ./reasonflow index} run.
   */
  public FeatureRunSummary runBatch(
      StreamExecutionEnvironment env, Path events, Path items, Path out, boolean writeIndex) {
    Objects.requireNonNull(env, "env");
    long start = System.currentTimeMillis();
    long modelVersion = start;
    FeatureLayout layout = prepare(events, items, out, writeIndex);
    List<Path> files = InputFiles.list(events);
    List<Path> catalogue = items == null ? null : InputFiles.list(items);
    log(
        "input: %d event file(s) under %s; catalogue: %s; parallelism %d",
        files.size(),
        events,
        items == null ? "none" : catalogue.size() + " file(s) under " + items,
        env.getParallelism());
    new FeatureBatchJob(settings, content, schema, modelVersion)
        .withSeqRec(SeqRecBackfill.from(config))
        .withNextItem(NextItemBackfill.from(config))
        .wire(
            env,
            FeatureBatchJob.files(files),
            catalogue == null ? null : FeatureBatchJob.files(catalogue),
            sinks(layout, writeIndex, modelVersion));

    JobExecutionResult result;
    long jobStart = System.currentTimeMillis();
    try {
      result = env.execute("reasonflow-features-batch");
    } catch (Exception e) {
      throw unwrap(e);
    }
    long jobMillis = System.currentTimeMillis() - jobStart;
    long kept = counter(result, BuildUserHistory.EVENTS_KEPT);
    long dead = counter(result, ParseEvents.DEAD_LETTER_COUNTER);
    long dups = counter(result, BuildUserHistory.DUPLICATES);
    long users = counter(result, BuildUserHistory.USERS);
    long sessions = counter(result, BuildUserHistory.SESSIONS);
    // one model: its training time; data-parallel: each round's slowest subtask, round after round
    long trainMillis = counter(result, TrainItem2Vec.TRAIN_MILLIS);
    for (int r = 0; r < settings.rounds(); r++) {
      trainMillis += counter(result, TrainItem2VecRound.roundMillis(r));
    }
    long subtaskMillis = counter(result, TrainItem2VecRound.SUBTASK_MILLIS);
    if (subtaskMillis > 0) {
      log(
          "item2vec: data-parallel, %d rounds: %.1f s (the rounds' slowest subtasks), %.1f subtask-s",
          settings.rounds(), trainMillis / 1000.0, subtaskMillis / 1000.0);
    }
    long pairs = counter(result, PairSides.PAIRS_COUNTER);
    long seqrecMillis = counter(result, TrainSeqRec.TRAIN_MILLIS);
    if (Files.isRegularFile(layout.seqrecModel())) {
      log("sequential model: trained in %.1f s -> %s", seqrecMillis / 1000.0, layout.seqrecModel());
    }
    if (Files.isRegularFile(layout.nextItemModel())) {
      log(
          "next-item model: fitted in %.1f s -> %s",
          counter(result, TrainNextItem.FIT_MILLIS) / 1000.0, layout.nextItemModel());
    }
    List<EventType> eventTypes = new ArrayList<>();
    List<String> typeCounts = new ArrayList<>();
    for (EventType t : EventType.values()) {
      long n = counter(result, ParseEvents.typeCounter(t));
      if (n > 0) {
        eventTypes.add(t);
        typeCounts.add(String.format("%s %,d", t, n));
      }
    }
    log("event types parsed: %s", typeCounts.isEmpty() ? "none" : String.join(", ", typeCounts));
    long written = counter(result, AssembleItemFeatures.WRITTEN);
    log(
        "flink job: %.1f s; %,d events kept, %,d exact duplicates dropped, %,d dead letters, %,d users, %,d sessions",
        jobMillis / 1000.0, kept, dups, dead, users, sessions);
    log(
        "items: %,d written (%,d with an item2vec vector, %,d with a content (title) vector; %,d of them "
            + "catalogue-only), %,d co-view pairs",
        written,
        counter(result, AssembleItemFeatures.BEHAVIOUR),
        counter(result, AssembleItemFeatures.CONTENT),
        counter(result, AssembleItemFeatures.CATALOGUE_ONLY),
        pairs);
    long without = counter(result, AssembleItemFeatures.WITHOUT_VECTOR);
    if (without > 0) {
      log(
          "%,d items have neither an item2vec vector (features.item2vec.min-count=%d) nor usable title words and "
              + "are not indexed",
          without, settings.minCount());
    }
    long rejected = counter(result, ParseItems.REJECTED);
    if (rejected > 0) {
      log("catalogue %s: %,d line(s) could not be read and were skipped", items, rejected);
    }

    FeatureRunSummary summary =
        new FeatureRunSummary(
            kept,
            dead,
            users,
            written,
            sessions,
            pairs,
            modelVersion,
            trainMillis,
            System.currentTimeMillis() - start,
            eventTypes);
    try {
      JsonLines.MAPPER
          .writerWithDefaultPrettyPrinter()
          .writeValue(layout.summary().toFile(), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + layout.summary(), e);
    }
    log(
        "done in %.1f s (item2vec %.1f s) -> %s",
        summary.totalMillis() / 1000.0, trainMillis / 1000.0, out);
    return summary;
  }

  /**
   * The part-file sinks under {@code layout}, and with {@code writeIndex} the sharded index in its
   * index/.
   */
  FeatureBatchJob.Sinks sinks(FeatureLayout layout, boolean writeIndex, long modelVersion) {
    FeatureBatchJob.Sinks sinks = FeatureBatchJob.Sinks.partFiles(layout);
    return writeIndex
        ? sinks.withIndex(
            new IndexShardSink(layout.index(), IndexSettings.from(config), modelVersion))
        : sinks;
  }

  /**
   * What runs on the client before a backfill is wired, here and in {@link FeatureJobMain}: checks
   * the input files' headers (a missing column fails before any job starts), creates {@code out}
   * and removes a previous run's outputs from it (a sink adds parts to a directory; it does not
   * replace one), its index/ too when the job is to write the index.
   */
  FeatureLayout prepare(Path events, Path items, Path out, boolean writeIndex) {
    checkHeaders(InputFiles.list(events));
    if (items != null) {
      checkCatalogueHeaders(InputFiles.list(items));
    }
    FeatureLayout layout = new FeatureLayout(out);
    try {
      Files.createDirectories(out);
      for (Path p :
          List.of(
              layout.items(),
              layout.profiles(),
              layout.coViews(),
              layout.deadLetters(),
              layout.seqrecModel(),
              layout.nextItemModel(),
              layout.root().resolve(ContentModelFile.FILE_NAME),
              layout.summary())) {
        deleteRecursively(p);
      }
      if (writeIndex) {
        deleteRecursively(
            layout.index()); // the job writes a fresh one; a shard of an older one must not remain
      }
    } catch (IOException e) {
      throw new UserError(
          "cannot prepare the output directory "
              + out
              + ": "
              + e.getMessage()
              + " (remove it, or choose another --out)",
          e);
    }
    return layout;
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /**
   * Fails fast, on the client, for a file whose header lacks a configured column, and warns about
   * each file that holds no lines to read (empty, or a header alone): a backfill that quietly reads
   * nothing from a file someone meant to load is worse than a word on the console. A damaged {@code
   * .gz} header is left to the job, which dead-letters it.
   */
  void checkHeaders(List<Path> files) {
    for (Path f : files) {
      RecordFormat format = RecordFormat.detect(f);
      try (LineReader r = LineReader.open(f)) {
        RawLine first = r.next();
        if (first == null) {
          LOG.warn("{} is empty: nothing read from it", f);
        } else if (format != RecordFormat.JSONL && first.damage() == null) {
          EventLineParser.forHeader(schema, format, first);
          if (r.next() == null) {
            LOG.warn("{} has a header but no lines: nothing read from it", f);
          }
        }
      } catch (IOException e) {
        throw new UserError("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * The catalogue's headers, checked on the client as the job would check them (a missing item_id
   * fails here).
   */
  static void checkCatalogueHeaders(List<Path> files) {
    for (Path f : files) {
      try (LineReader r = LineReader.open(f)) {
        RawLine first = r.next();
        if (first != null && first.damage() == null) {
          ItemFileReader.LineParser.forHeader(first, RecordFormat.detect(f));
        }
      } catch (IOException e) {
        throw new UserError("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
  }

  private static long counter(JobExecutionResult r, String name) {
    Object v = r.getAccumulatorResult(name);
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static RuntimeException unwrap(Exception e) {
    UserError user = UserError.findIn(e);
    if (user != null) {
      return user;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    Throwable root = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return new IllegalStateException("feature job failed: " + root.getMessage(), root);
  }

  private static void log(String format, Object... args) {
    LOG.info(String.format(format, args));
  }
}
