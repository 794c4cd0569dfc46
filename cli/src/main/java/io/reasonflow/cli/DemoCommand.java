package io.reasonflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.features.FeatureJob;
import io.reasonflow.features.FeatureRunSummary;
import io.reasonflow.index.IndexBuildStats;
import io.reasonflow.index.IndexBuilder;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.reasons.ReasonJob;
import io.reasonflow.reasons.ReasonJobResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole pipeline on the shipped Amazon Beauty sample: feature job (Flink BATCH) -> HNSW index -> reasons for a
 * few shoppers -> console and HTML report. Needs nothing but the checkout.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on the shipped Amazon Beauty sample and write target/demo/report.html.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: target/demo in the checkout).")
  Path out;

  @Option(names = "--users", defaultValue = "5", description = "Shoppers to show (default ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--sample", paramLabel = "DIR",
      description = "Directory with events.tsv.gz and items.tsv.gz (default: samples/amazon-beauty-2014).")
  Path sample;

  @Mixin ConfigOptions.WithLocale config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (users < 1 || users > 1000) {
      throw new UserError("--users must be in 1..1000, got " + users);
    }
    Path dir = sample != null ? sample : Home.sample();
    Path events = requireFile(dir.resolve("events.tsv.gz"));
    Path items = requireFile(dir.resolve("items.tsv.gz"));
    Path outDir = (out != null ? out : Home.dir().resolve("target/demo")).toAbsolutePath();
    Config cfg = config.load(Files.isRegularFile(dir.resolve("demo.properties")) ? dir.resolve("demo.properties") : null);
    PrintWriter console = spec.commandLine().getOut();
    DemoResult r = run(cfg, events, items, outDir, users, new Stages(console, 4));
    printTopLists(console, r.recommendationsFile());
    console.printf("%nreport: %s%nall outputs: %s%n", r.reasons().reportFile(), outDir);
    return 0;
  }

  /** The demo's four stages; separate from the command so a test runs exactly what the demo runs. */
  static DemoResult run(Config cfg, Path events, Path items, Path outDir, int users, Stages stages) {
    FeatureLayout layout = new FeatureLayout(outDir.resolve("features"));

    stages.start("feature job: Flink (BATCH) over " + events.getFileName()
        + " - sessions, co-views, item2vec (DL4J), user profiles");
    FeatureRunSummary f = new FeatureJob(cfg).runBatch(events, items, layout.root());
    stages.done(String.format("%,d events, %,d dead letters, %,d shoppers, %,d items with vectors, %,d co-view pairs",
        f.events(), f.deadLetters(), f.users(), f.items(), f.coViewPairs()));

    stages.start("index: item vectors into a Lucene HNSW index");
    IndexBuildStats ix = IndexBuilder.build(layout.items(), layout.index(), IndexSettings.from(cfg));
    stages.done(String.format("%,d items, %d dimensions, format %s, in %s", ix.items(), ix.dimension(), ix.format(),
        layout.index()));

    stages.start("reasons: candidates from the index, evidence, reasons, verifier");
    int minShoppers = cfg.integer("reasons.privacy.min-shoppers", 1, 1_000_000);
    List<String> chosen = DemoUsers.pick(layout, minShoppers, users);
    if (chosen.isEmpty()) {
      throw new UserError("no shopper in " + events + " has a co-view figure backed by " + minShoppers
          + " shoppers; lower reasons.privacy.min-shoppers or use more data");
    }
    ReasonJobResult rr = ReasonJob.run(cfg, layout, outDir, chosen);
    stages.done(String.format("%,d recommendations for %d shoppers, %d reasons rejected by the verifier",
        rr.recommendations(), rr.users(), rr.rejectedReasons()));

    stages.start("report");
    stages.done(rr.reportFile() + " (total " + stages.totalTime() + ")");
    return new DemoResult(layout, rr, rr.recommendationsFile());
  }

  record DemoResult(FeatureLayout layout, ReasonJobResult reasons, Path recommendationsFile) {}

  /** Each shopper's top list with its reason and the evidence the reason quotes. */
  static void printTopLists(PrintWriter out, Path recommendations) {
    Map<String, List<JsonNode>> byUser = new LinkedHashMap<>();
    JsonLines.forEach(recommendations, JsonNode.class,
        r -> byUser.computeIfAbsent(r.get("userId").asText(), k -> new java.util.ArrayList<>()).add(r));
    for (Map.Entry<String, List<JsonNode>> e : byUser.entrySet()) {
      out.printf("%nshopper %s%n", e.getKey());
      for (JsonNode r : e.getValue()) {
        out.printf("  %d. %s%n     %s%n     evidence: %s%n", r.get("rank").asInt(), shorten(r.get("title").asText()),
            r.get("reason").asText(), evidenceLine(r));
      }
    }
    out.flush();
  }

  private static String evidenceLine(JsonNode r) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode c : r.path("claims")) {
      String kind = c.path("claim").asText();
      switch (kind) {
        case "AnchorClaim" -> sb.append("anchor=").append(c.path("itemId").asText()).append(' ');
        case "CoViewCountClaim" -> sb.append("co-view shoppers=").append(c.path("count").asInt()).append(' ');
        case "ShareClaim" -> sb.append("share=").append(c.path("count").asInt()).append("/").append(c.path("of").asInt()).append(' ');
        case "SharedTermClaim" -> sb.append("term=").append(c.path("term").asText()).append(' ');
        case "PopularityClaim" -> sb.append("popularity=").append(c.path("bucket").asText()).append(' ');
        case "RelationClaim" -> sb.append("relation=").append(c.path("relation").asText()).append(' ');
        default -> { }
      }
    }
    sb.append("via=").append(r.path("via"));
    return sb.toString().strip();
  }

  private static String shorten(String s) {
    return s.length() <= 90 ? s : s.substring(0, 87) + "...";
  }

  private static Path requireFile(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new UserError("demo sample missing: " + p + " (a full clone has it under samples/; or pass --sample DIR)");
    }
    return p;
  }
}
