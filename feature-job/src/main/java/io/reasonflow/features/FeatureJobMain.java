package io.reasonflow.features;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.io.InputFiles;
import io.reasonflow.common.io.RawLine;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.flink.ItemFact;
import io.reasonflow.features.flink.RawLineFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Entry point of the feature job's shaded jar ({@code Main-Class}) for {@code flink run} and the REST API:
 *
 * <pre>
 * --mode batch  [--config FILE] [--set key=value ...] --events PATH [--items PATH] --out DIR
 * --mode stream [--config FILE] [--set key=value ...]          (the streaming job: {@link StreamingFeatureJob})
 * </pre>
 *
 * Configuration: the reference defaults, then {@code --config FILE}, then each {@code --set} (last wins), as in the
 * CLI. Works detached: {@code main} only builds the job graph and calls {@code env.execute}; nothing after it reads
 * results, because a detached run (the web UI, {@code flink run -d}, {@code /jars/:id/run}) returns before the job
 * ends. All paths must be reachable from the JobManager (which runs this main for REST submissions) and from every
 * TaskManager.
 */
public final class FeatureJobMain {
  private FeatureJobMain() {}

  /** Parsed program arguments. */
  record Args(String mode, Path config, Map<String, String> overrides, Map<String, String> named,
      List<String> rest) {
    Path path(String name) {
      String v = named.get(name);
      return v == null ? null : Path.of(v);
    }
  }

  public static void main(String[] argv) throws Exception {
    Args a = parse(argv);
    Config config = Config.load(a.config(), a.overrides());
    switch (a.mode()) {
      case "batch" -> runBatch(config, a);
      case "stream" -> {
        // The streaming job's own main takes [config-file] [key=value ...]; translate rather than duplicate it.
        List<String> forward = new ArrayList<>();
        if (a.config() != null) {
          forward.add(a.config().toString());
        }
        a.overrides().forEach((k, v) -> forward.add(k + "=" + v));
        StreamingFeatureJob.main(forward.toArray(String[]::new));
      }
      default -> throw new UserError("--mode must be batch or stream, not '" + a.mode() + "'");
    }
  }

  static void runBatch(Config config, Args a) throws Exception {
    Path events = require(a, "events");
    Path out = require(a, "out");
    Path items = a.path("items");
    long start = System.currentTimeMillis();
    FeatureJob job = new FeatureJob(config);
    List<Path> files = InputFiles.list(events);
    job.checkHeaders(files); // fail before submitting, with the file and column named
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UserError("cannot create output directory " + out + ": " + e.getMessage(), e);
    }
    FeatureLayout layout = new FeatureLayout(out);
    FeatureSettings settings = FeatureSettings.from(config);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    // The backfill's own default (as for a local run), unless --parallelism says otherwise; the cluster's
    // parallelism.default is for jobs that do not choose.
    env.setParallelism(a.named().containsKey("parallelism") ? Integer.parseInt(a.named().get("parallelism"))
        : FeatureJob.PARALLELISM);
    FileSource<RawLine> source = FileSource.forBulkFileFormat(new RawLineFormat(), files.stream()
        .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
        .toArray(org.apache.flink.core.fs.Path[]::new)).build();
    DataStream<RawLine> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "event-files");
    DataStream<ItemFact> facts = FeatureJob.wireFacts(lines, settings, EventSchemas.from(config), layout, start);
    facts.transform("write-item-features", Types.VOID,
            new WriteFeatureOutputs(config, items == null ? null : items.toAbsolutePath(), out.toAbsolutePath(),
                start, start))
        .setParallelism(1).uid("write-item-features")
        .sinkTo(new DiscardingSink<>()).name("done").setParallelism(1);
    FeatureJob.log("submitting the backfill: %d event file(s) under %s -> %s", files.size(), events, out);
    env.execute(a.named().getOrDefault("job-name", "reasonflow-features-batch"));
  }

  private static Path require(Args a, String name) {
    Path p = a.path(name);
    if (p == null) {
      throw new UserError("--mode batch needs --" + name);
    }
    return p;
  }

  static Args parse(String[] argv) {
    String mode = "batch";
    Path config = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    Map<String, String> named = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (!arg.startsWith("--")) {
        rest.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        if (i + 1 >= argv.length) {
          throw new UserError(arg + " needs a value");
        }
        value = argv[++i];
      }
      switch (name) {
        case "mode" -> mode = value;
        case "config" -> config = Path.of(value);
        case "set" -> {
          int kv = value.indexOf('=');
          if (kv <= 0) {
            throw new UserError("--set takes key=value, not '" + value + "'");
          }
          overrides.put(value.substring(0, kv), value.substring(kv + 1));
        }
        default -> named.put(name, value);
      }
    }
    if (!rest.isEmpty()) {
      throw new UserError("unexpected argument(s) " + rest + "; options are --mode, --config, --set, --events, "
          + "--items, --out, --parallelism, --job-name");
    }
    return new Args(mode, config, overrides, named, rest);
  }
}
