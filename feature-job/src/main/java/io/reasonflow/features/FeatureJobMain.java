package io.reasonflow.features;

import io.reasonflow.common.JobArguments;
import io.reasonflow.common.JobOptions;
import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.io.InputFiles;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.flink.CountEventTypes;
import io.reasonflow.features.flink.CountRecords;
import io.reasonflow.features.flink.ItemFact;
import io.reasonflow.features.seqrec.NextItemBackfill;
import io.reasonflow.features.seqrec.SeqRecBackfill;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Entry point of the feature job's shaded jar ({@code Main-Class}) for {@code flink run} and the
 * REST API:
 *
 * <pre>
 * [--mode batch] [--config FILE] [--set key=value ...] --events PATH [--items PATH] --out DIR [--parallelism N]
 *               [--index] [--job-name NAME]
 * --mode stream  [--config FILE] [--set key=value ...]          (the streaming job: {@link StreamingFeatureJob})
 * </pre>
 *
 * Configuration: the reference defaults, then {@code --config FILE}, then each {@code --set} (last
 * wins), as in the CLI. Batch mode builds the same {@link FeatureBatchJob} as {@code ./reasonflow
 * features}, at the parallelism the cluster gives ({@code --parallelism N} to choose); each output
 * is a directory of part files under {@code --out}, written through Flink's file systems by the
 * subtasks. Works detached: {@code main} only builds the job graph and calls {@code env.execute};
 * nothing after it reads results (a detached run returns before the job ends), so the job writes
 * summary.json itself. All paths must be reachable from the JobManager (which runs this main for
 * REST submissions) and from every TaskManager.
 *
 * <p>A bad argument or configuration is one line on stderr and exit status 2 when run as a plain
 * program; inside a Flink client or JobManager (where exiting would take the JobManager down with
 * it) it is thrown as a {@link UserError} with that line, which the REST answer and {@code flink
 * run} show.
 */
@Command(
    name = "reasonflow-features",
    mixinStandardHelpOptions = false,
    description = "The ReasonFlow feature job (batch backfill or streaming) for a Flink cluster.")
public final class FeatureJobMain {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureJobMain.class);
  @Mixin JobOptions job = new JobOptions();

  @Option(
      names = "--events",
      paramLabel = "PATH",
      description = "Event files or a directory of them (batch).")
  Path events;

  @Option(names = "--items", paramLabel = "PATH", description = "Item catalogue (batch, optional).")
  Path items;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (batch).")
  Path out;

  @Option(
      names = "--index",
      description = "Also write the item index to OUT/index, one shard per subtask.")
  boolean index;

  public static void main(String[] argv) throws Exception {
    FeatureJobMain m = new FeatureJobMain();
    JobArguments.main(
        "reasonflow-features",
        parse(m, argv),
        m::run,
        () ->
            StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment);
  }

  /**
   * Fills {@code m} from {@code argv}; the one-line problem, or null when the arguments are usable.
   */
  static String parse(FeatureJobMain m, String[] argv) {
    String problem =
        JobArguments.parse(
            m,
            argv,
            "[--mode batch|stream] [--config FILE] [--set key=value ...] "
                + "--events PATH [--items PATH] --out DIR [--index] [--parallelism N] [--job-name NAME]");
    if (problem != null) {
      return problem;
    }
    if (m.job.problem() != null) {
      return m.job.problem();
    }
    if (m.job.batch() && (m.events == null || m.out == null)) {
      return "--mode batch needs --" + (m.events == null ? "events" : "out");
    }
    return null;
  }

  void run() throws Exception {
    Config cfg = job.load();
    if (job.stream()) {
      StreamingFeatureJob.submit(cfg, StreamExecutionEnvironment.getExecutionEnvironment());
      return;
    }
    runBatch(cfg);
  }

  private void runBatch(Config cfg) throws Exception {
    long start = System.currentTimeMillis();
    Path outDir = out.toAbsolutePath();
    FeatureJob features = new FeatureJob(cfg);
    FeatureLayout layout = features.prepare(events, items, outDir, index);
    List<Path> files = InputFiles.list(events);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    if (job.parallelism != null) {
      env.setParallelism(job.parallelism);
    }
    FeatureBatchJob.Outputs o =
        new FeatureBatchJob(
                FeatureSettings.from(cfg),
                ContentVectors.Settings.from(cfg),
                EventSchemas.from(cfg),
                start)
            .withSeqRec(SeqRecBackfill.from(cfg))
            .withNextItem(NextItemBackfill.from(cfg))
            .wire(
                env,
                FeatureBatchJob.files(files),
                items == null ? null : FeatureBatchJob.files(InputFiles.list(items)),
                features.sinks(layout, index, start));
    TypeInformation<Tuple2<String, Long>> tallyType = Types.TUPLE(Types.STRING, Types.LONG);
    o.items()
        .transform("count-items", tallyType, new CountRecords<ItemFeatures>(WriteRunSummary.ITEMS))
        .uid("count-items")
        .union(
            o.pairCounts()
                .transform(
                    "count-pairs", tallyType, new CountRecords<ItemFact>(WriteRunSummary.PAIRS))
                .uid("count-pairs"),
            o.events()
                .transform("count-event-types", tallyType, new CountEventTypes())
                .uid("count-event-types"),
            o.profiles()
                .transform(
                    "count-profiles",
                    tallyType,
                    new CountRecords<UserProfile>(WriteRunSummary.USERS))
                .uid("count-profiles"))
        .transform("write-summary", Types.VOID, new WriteRunSummary(layout.summary(), start, start))
        .setParallelism(1)
        .uid("write-summary")
        .sinkTo(new DiscardingSink<>())
        .name("done")
        .setParallelism(1);
    LOG.info(
        String.format(
            "submitting the backfill: %d event file(s) under %s -> %s",
            files.size(), events, outDir));
    env.execute(job.jobName("reasonflow-features-batch"));
  }
}
