package io.reasonflow.cli;

import io.reasonflow.bench.features.FeatureBenchmark;
import io.reasonflow.bench.index.BenchOptions;
import io.reasonflow.bench.index.BenchTable;
import io.reasonflow.bench.index.HttpLoad;
import io.reasonflow.bench.index.IndexBenchmark;
import io.reasonflow.bench.reasons.ReasonBench;
import io.reasonflow.common.UserError;
import io.reasonflow.index.VectorFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Benchmarks: commands that print a table (and write CSV and plots), never timed tests. Every table
 * holds a baseline measured in the same run (exact search, a peer library, a plain loop), because
 * this machine is shared and noisy.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure speed and quality; results and how to reproduce them are recorded in docs/benchmarks.md.",
    subcommands = {
      BenchCommand.Features.class,
      BenchCommand.Index.class,
      BenchCommand.Http.class,
      BenchCommand.Reasons.class,
      BenchCommand.Sequence.class,
      BenchCommand.Integrity.class,
      BenchCommand.Explainer.class
    })
final class BenchCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "features",
      mixinStandardHelpOptions = true,
      description =
          "Feature job: (a) streaming path through Flink vs a plain Java loop on the same events, (b) item2vec "
              + "tokens/s on the Beauty corpus, (c) backfill time and peak memory on N synthetic events.")
  static final class Features implements Callable<Integer> {
    @Option(
        names = "--events",
        defaultValue = "1000000",
        description =
            "Synthetic events for (a) and (c) (default ${DEFAULT-VALUE}; the issue's scale run is 10000000).")
    long events;

    @Option(
        names = "--beauty",
        paramLabel = "FILE",
        description = "Beauty events.tsv.gz for (b) (default: the shipped sample).")
    Path beauty;

    @Option(
        names = "--steps",
        defaultValue = "abc",
        description = "Which of a, b, c to run (default ${DEFAULT-VALUE}).")
    String steps;

    @Option(
        names = "--out",
        defaultValue = "target/bench/features",
        description = "Work directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Mixin ConfigOptions config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (events < 1000 || !steps.matches("[abc]+")) {
        throw new UserError(
            "--events must be at least 1000 and --steps a combination of a, b and c");
      }
      Path corpus = beauty != null ? beauty : Home.sample().resolve("events.tsv.gz");
      if (steps.contains("b") && !Files.isRegularFile(corpus)) {
        throw new UserError(
            "Beauty events not found: "
                + corpus
                + " (pass --beauty FILE or leave b out of --steps)");
      }
      var rows =
          FeatureBenchmark.run(
              config.load(),
              new FeatureBenchmark.Options(
                  events,
                  out,
                  steps.contains("b") ? corpus : null,
                  42,
                  steps.contains("a"),
                  steps.contains("c")),
              System.out);
      spec.commandLine().getOut().println(FeatureBenchmark.format(rows));
      return 0;
    }
  }

  @Command(
      name = "reasons",
      mixinStandardHelpOptions = true,
      description =
          "Reasons per second batched and single-request p50/p99, template and (with --models) decoder, on a "
              + "feature output (default: the demo's, target/demo/features).")
  static final class Reasons implements Callable<Integer> {
    @Option(
        names = "--features",
        defaultValue = "target/demo/features",
        description =
            "Feature output " + "(default ${DEFAULT-VALUE}; run ./reasonflow demo first).")
    Path features;

    @Option(
        names = "--models",
        paramLabel = "DIR",
        description =
            "Trained explainers (./reasonflow train-explainer): explainer.<locale>.zip/.json.")
    Path models;

    @Option(
        names = "--shoppers",
        defaultValue = "2000",
        description = "Shoppers (default ${DEFAULT-VALUE}).")
    int shoppers;

    @Option(
        names = "--threads",
        description =
            "Threads of the batched run next to the one-thread run, each with "
                + "its own recommender (default: one per core, as the reason job's local runs).")
    Integer threads;

    @Mixin ConfigOptions config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      io.reasonflow.common.config.Config base = config.load();
      List<io.reasonflow.common.config.Config> runs = new java.util.ArrayList<>();
      runs.add(base.with("reasons.realiser", "template"));
      if (models != null) {
        // the explainer as the reason job runs it (every reason verified, template fallbacks)
        runs.add(
            base.with("reasons.realiser", "decoder")
                .with("reasons.explainer.model-dir", models.toString()));
      }
      if (threads != null && threads < 1) {
        throw new UserError("--threads must be at least 1, got " + threads);
      }
      var rows =
          ReasonBench.run(
              runs,
              new io.reasonflow.common.store.FeatureLayout(features),
              shoppers,
              threads == null ? LocalFlink.defaultParallelism() : threads,
              spec.commandLine().getOut());
      spec.commandLine().getOut().print(ReasonBench.format(rows));
      return 0;
    }
  }

  @Command(
      name = "sequence",
      mixinStandardHelpOptions = true,
      description =
          "One shopper's candidate generation with and without the sequential network (seqrec-model.bin in "
              + "the feature output) and the next-item model (next-item-model.bin), and each model's scoring "
              + "alone: p50/p99/max ms on one thread.")
  static final class Sequence implements Callable<Integer> {
    @Option(
        names = "--features",
        defaultValue = "target/demo/features",
        description =
            "Feature output with a sequential and/or next-item model (default ${DEFAULT-VALUE}).")
    Path features;

    @Option(
        names = "--shoppers",
        defaultValue = "2000",
        description = "Shoppers (default ${DEFAULT-VALUE}).")
    int shoppers;

    @Mixin ConfigOptions config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (shoppers < 1) {
        throw new UserError("--shoppers must be at least 1, got " + shoppers);
      }
      io.reasonflow.bench.reasons.SequenceLatencyBench.run(
          config.load(),
          new io.reasonflow.common.store.FeatureLayout(features),
          shoppers,
          spec.commandLine().getOut());
      return 0;
    }
  }

  @Command(
      name = "index",
      mixinStandardHelpOptions = true,
      description =
          "Vector index: build time, size, recall@10 against exact search, single-thread p50/p99 and "
              + "QPS per format and search beam, next to exact brute force and hnswlib; writes index-bench.csv and a "
              + "recall-vs-latency plot.")
  static final class Index implements Callable<Integer> {
    @Option(
        names = "--items",
        paramLabel = "FILE",
        description = "items.jsonl.gz whose vectors to use (real data).")
    Path items;

    @Option(
        names = "--tile",
        defaultValue = "0",
        description = "Grow the real vectors to N with perturbed copies.")
    int tile;

    @Option(
        names = "--sizes",
        split = ",",
        description =
            "Synthetic clustered dataset sizes (default 100000 "
                + "without --items, none with it).")
    List<Integer> sizes;

    @Option(
        names = "--formats",
        split = ",",
        description = "Lucene formats (default all: HNSW,INT8,INT4,BIN1).")
    List<String> formats;

    @Option(
        names = "--ef",
        split = ",",
        description = "Search beams to sweep (default 10,16,32,64,100,160,250).")
    List<Integer> ef;

    @Option(
        names = "--queries",
        defaultValue = "1000",
        description = "Queries per dataset (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--no-peer", description = "Skip the hnswlib comparison.")
    boolean noPeer;

    @Option(
        names = "--out",
        defaultValue = "target/bench/index",
        description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      BenchOptions o = BenchOptions.defaults(out).withQueries(queries).withPeer(!noPeer);
      if (items != null) {
        if (!Files.exists(items)) { // one file, or the backfill's directory of parts
          throw new UserError(
              "items file not found: " + items + " (a feature job output's items.jsonl.gz)");
        }
        o = o.withItemsFile(items, tile).withSyntheticSizes(sizes == null ? List.of() : sizes);
      } else if (sizes != null) {
        o = o.withSyntheticSizes(sizes);
      }
      if (formats != null) {
        o = o.withFormats(formats.stream().map(BenchCommand::format).toList());
      }
      if (ef != null) {
        o = o.withEfSweep(ef);
      }
      BenchTable t;
      try {
        t = IndexBenchmark.run(o);
      } catch (IllegalArgumentException e) {
        throw new UserError("bench index: " + e.getMessage());
      }
      spec.commandLine().getOut().println(t.format());
      spec.commandLine().getOut().println("files: " + t.files());
      return 0;
    }
  }

  @Command(
      name = "http",
      mixinStandardHelpOptions = true,
      description =
          "HTTP similar-items load on 127.0.0.1 with wrk (apt-get install wrk): throughput and p50/p99.")
  static final class Http implements Callable<Integer> {
    @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index to serve.")
    Path index;

    @Option(
        names = "--connections",
        defaultValue = "16",
        description = "Concurrent connections (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(
        names = "--seconds",
        defaultValue = "30",
        description = "Measured duration of each run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
        names = "--warmup",
        defaultValue = "15",
        paramLabel = "SECONDS",
        description =
            "Full load before anything is measured, so the JIT has compiled the query path (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
        names = "--rate",
        defaultValue = "2000",
        paramLabel = "REQ_PER_S",
        description =
            "After the saturated run, a run offering this many requests/s; 0 = skip (default ${DEFAULT-VALUE}).")
    int rate;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (seconds < 1
          || seconds > 300
          || warmup < 0
          || warmup > 300
          || connections < 1
          || connections > 1024
          || rate < 0
          || rate > 1_000_000) {
        throw new UserError(
            "--seconds must be in 1..300, --warmup in 0..300, --connections in 1..1024 and --rate "
                + "in 0..1000000");
      }
      HttpLoad.Report r =
          HttpLoad.run(
              index,
              new HttpLoad.Plan(
                  connections,
                  Math.min(2, connections),
                  Duration.ofSeconds(warmup),
                  Duration.ofSeconds(seconds),
                  rate),
              System.out);
      spec.commandLine().getOut().println(r);
      return 0;
    }
  }

  static VectorFormat format(String s) {
    try {
      return VectorFormat.valueOf(s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError("unknown vector format '" + s + "' (hnsw, int8, int4 or bin1)");
    }
  }

  @Command(
      name = "integrity",
      mixinStandardHelpOptions = true,
      description =
          "Cost of verifying an index version's checksums (publish, serve start, version switch) next to "
              + "opening it and reading its bytes, on synthetic indexes of each size.")
  static final class Integrity implements Callable<Integer> {
    @Option(
        names = "--sizes",
        split = ",",
        defaultValue = "10000,100000",
        description = "Index sizes in items (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(
        names = "--out",
        defaultValue = "target/bench/integrity",
        description = "Work directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      spec.commandLine()
          .getOut()
          .print(io.reasonflow.bench.index.IntegrityBenchmark.run(sizes, out, System.err));
      return 0;
    }
  }

  @Command(
      name = "explainer",
      mixinStandardHelpOptions = true,
      description =
          "Speed of the explanation decoder (train-explainer) on the held-out examples: batched"
              + " reasons/s, single-request p50/p99 afresh and from the exact cache, one thread.")
  static final class Explainer implements Callable<Integer> {
    @Option(names = "--models", required = true, description = "train-explainer's --out.")
    Path models;

    @Option(names = "--locale", defaultValue = "en", description = "en or zh-CN.")
    String locale;

    @Option(
        names = "--data",
        defaultValue = "../shared/data",
        description = "The shared data directory (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(
        names = "--singles",
        defaultValue = "500",
        description = "Single requests timed (default ${DEFAULT-VALUE}).")
    int singles;

    @Mixin ConfigOptions config;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      var cfg = config.load();
      io.reasonflow.reasons.decoder.DecoderModel.nativeThreads(
          cfg.integer("decoder.native-threads", 1, 256));
      var loc = io.reasonflow.reasons.realise.ReasonLocale.parse(locale);
      var out = spec.commandLine().getOut();
      var ds =
          io.reasonflow.reasons.explain.ExplanationDatasets.load(
              data, loc.tag(), io.reasonflow.reasons.explain.ReviewSplit.DEFAULT_SEED, l -> {});
      List<io.reasonflow.reasons.explain.decoder.DecoderExplanationGenerator> gens =
          new java.util.ArrayList<>();
      for (var g :
          io.reasonflow.reasons.explain.decoder.DecoderExplanationGenerator.variants(models, ds)) {
        gens.add((io.reasonflow.reasons.explain.decoder.DecoderExplanationGenerator) g);
      }
      var rows =
          io.reasonflow.bench.reasons.ExplainerBench.run(
              gens,
              ds.examples(io.reasonflow.reasons.explain.ExplanationExample.Split.TEST),
              singles,
              out);
      out.print(io.reasonflow.bench.reasons.ExplainerBench.format(rows));
      return 0;
    }
  }
}
