package io.reasonflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.StoredRecommendation;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.features.FeatureJob;
import io.reasonflow.index.ShardLayout;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.query.QueryServer;
import io.reasonflow.query.QueryServerConfig;
import io.reasonflow.reasons.ReasonJob;
import io.reasonflow.reasons.ReasonJobResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole pipeline on a shipped sample (Amazon Beauty by default, or the Amazon Musical
 * Instruments reviews with their text): feature job (Flink BATCH) -> HNSW index -> reasons for a
 * few shoppers -> console and HTML report. Needs nothing but the checkout.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the whole pipeline on a shipped sample (Amazon Beauty, or --sample instruments) and "
            + "write target/demo/report.html; --serve then serves the shop pages.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output directory (default: target/demo in the checkout).")
  Path out;

  @Option(
      names = "--users",
      defaultValue = "5",
      description = "Shoppers to show (default ${DEFAULT-VALUE}).")
  int users;

  @Option(
      names = "--sample",
      paramLabel = "NAME|DIR",
      description =
          "A shipped sample, beauty (the default: samples/amazon-beauty-2014) or instruments "
              + "(samples/amazon-instruments-2014, reviews with text), or a directory with "
              + "events.tsv.gz or events.jsonl.gz, items.tsv.gz and optionally demo.properties.")
  String sample;

  @Option(
      names = "--serve",
      description =
          "Keep serving the demo's index, profiles and recommendations (with the "
              + "shop pages at /) after the demo, until Ctrl-C.")
  boolean serve;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port for --serve, on 127.0.0.1 (0 = any free port; default ${DEFAULT-VALUE}).")
  int port;

  @Mixin ConfigOptions.WithLocale config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (users < 1 || users > 1000) {
      throw new UserError("--users must be in 1..1000, got " + users);
    }
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be in 0..65535, got " + port);
    }
    Path dir = Home.sample(sample);
    Path events = eventsFile(dir);
    Path items = requireFile(dir.resolve("items.tsv.gz"));
    Path outDir = (out != null ? out : Home.dir().resolve("target/demo")).toAbsolutePath();
    Path demoProperties = dir.resolve("demo.properties");
    Config cfg =
        sampleRelative(
            config.load(Files.isRegularFile(demoProperties) ? demoProperties : null),
            demoProperties);
    PrintWriter console = spec.commandLine().getOut();
    DemoResult r = run(cfg, events, items, outDir, users, new Stages(console, 4));
    printTopLists(console, r.recommendationsFile(), r.users());
    console.printf("%nreport: %s%nall outputs: %s%n", r.reasons().reportFile(), outDir);
    if (!serve) {
      console.printf(
          "shop pages: ./reasonflow demo --serve, or ./reasonflow serve --index %s --recommendations %s, "
              + "then open http://127.0.0.1:%d/%n",
          r.layout().index(), r.recommendationsFile(), port);
      return 0;
    }
    return serveUntilStopped(r, console);
  }

  /**
   * The demo's outputs behind the query service and its shop pages, until the JVM is asked to stop.
   */
  private int serveUntilStopped(DemoResult r, PrintWriter console) throws InterruptedException {
    QueryServerConfig cfg =
        QueryServerConfig.of(r.layout().index(), port)
            .withHost("127.0.0.1")
            .withProfiles(r.layout().profiles())
            .withRecommendations(r.recommendationsFile());
    CountDownLatch stopped = new CountDownLatch(1);
    try (QueryServer server = QueryServer.start(cfg)) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(stopped::countDown, "reasonflow-demo-shutdown"));
      console.printf(
          "open http://127.0.0.1:%d/ (shop pages: search, product, for you, operator view); Ctrl-C stops%n",
          server.port());
      console.flush();
      stopped.await();
    }
    return 0;
  }

  /**
   * The demo's four stages; separate from the command so a test runs exactly what the demo runs.
   */
  static DemoResult run(
      Config cfg, Path events, Path items, Path outDir, int users, Stages stages) {
    FeatureLayout layout = new FeatureLayout(outDir.resolve("features"));

    stages.start(
        "feature job: Flink (BATCH) over "
            + events.getFileName()
            + " - sessions, co-views, item2vec (DL4J), user profiles");
    // the job's own lines (above the done line, in order) already give its figures: the done line
    // does not repeat them
    // the job writes the index too, one Lucene shard per subtask, as a cluster backfill does: the
    // shards are built in parallel while the job writes profiles, rather than by one more pass over
    // items.jsonl.gz after it
    stages.showingStderr(
        () ->
            new FeatureJob(cfg)
                .runBatch(LocalFlink.batch(null), events, items, layout.root(), true));
    stages.done("features in " + layout.root());

    stages.start("index: item vectors in Lucene HNSW shards, written by the feature job");
    try (ItemSearcher index = ItemSearcher.open(layout.index())) {
      stages.done(
          String.format(
              "%,d items, %d dimensions, %s, in %s",
              index.size(),
              index.vectorDimension().orElse(0),
              ShardLayout.isSharded(layout.index())
                  ? ShardLayout.read(layout.index()).shards() + " shard(s)"
                  : "one shard",
              layout.index()));
    }

    stages.start("reasons: candidates from the index, evidence, reasons, verifier");
    int minShoppers = cfg.integer("reasons.privacy.min-shoppers", 1, 1_000_000);
    List<String> chosen = DemoUsers.pick(layout, minShoppers, users);
    if (chosen.isEmpty()) {
      throw new UserError(
          "no shopper in "
              + events
              + " has a co-view figure backed by "
              + minShoppers
              + " shoppers; lower reasons.privacy.min-shoppers or use more data");
    }
    ReasonJobResult rr = ReasonJob.run(LocalFlink.batch(null), cfg, layout, outDir, chosen);
    stages.done(
        String.format(
            "%,d recommendations for %d shoppers, %d reasons rejected by the verifier%s",
            rr.recommendations(),
            rr.users(),
            rr.rejectedReasons(),
            rr.realiser().equals("decoder")
                ? String.format(
                    "; explainer wrote %d, template fallbacks %d (%d explainer sentences"
                        + " rejected)",
                    rr.decoderAccepted(), rr.templateFallbacks(), rr.decoderBeamsRejected())
                : ""));

    stages.start("report");
    stages.done(rr.reportFile() + " (total " + stages.totalTime() + ")");
    return new DemoResult(layout, rr, rr.recommendationsFile(), chosen);
  }

  /**
   * @param users the shoppers shown, in the order they were picked
   */
  record DemoResult(
      FeatureLayout layout,
      ReasonJobResult reasons,
      Path recommendationsFile,
      List<String> users) {}

  /**
   * Each shopper's top list (in {@code users}' order) with its reason and the evidence the reason
   * quotes.
   */
  static void printTopLists(PrintWriter out, Path recommendations, List<String> users) {
    Map<String, List<StoredRecommendation>> byUser = new LinkedHashMap<>();
    users.forEach(u -> byUser.put(u, new java.util.ArrayList<>()));
    StoredRecommendation.forEach(
        recommendations,
        r -> byUser.computeIfAbsent(r.userId(), k -> new java.util.ArrayList<>()).add(r));
    byUser
        .values()
        .forEach(l -> l.sort(java.util.Comparator.comparingInt(StoredRecommendation::rank)));
    for (Map.Entry<String, List<StoredRecommendation>> e : byUser.entrySet()) {
      out.printf("%nshopper %s%n", e.getKey());
      for (StoredRecommendation r : e.getValue()) {
        out.printf(
            "  %d. %s%n     %s%n     evidence: %s%n",
            r.rank(), shorten(String.valueOf(r.title())), r.reason(), evidenceLine(r));
      }
    }
    out.flush();
  }

  private static String evidenceLine(StoredRecommendation r) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode c : r.claims() == null ? MissingNode.getInstance() : r.claims()) {
      String kind = c.path("claim").asText();
      switch (kind) {
        case "AnchorClaim" -> sb.append("anchor=").append(c.path("itemId").asText()).append(' ');
        case "CoViewCountClaim" ->
            sb.append("co-view shoppers=").append(c.path("count").asInt()).append(' ');
        case "ShareClaim" ->
            sb.append("share=")
                .append(c.path("count").asInt())
                .append("/")
                .append(c.path("of").asInt())
                .append(' ');
        case "SharedTermClaim" -> sb.append("term=").append(c.path("term").asText()).append(' ');
        case "PopularityClaim" ->
            sb.append("popularity=").append(c.path("bucket").asText()).append(' ');
        case "RelationClaim" ->
            sb.append("relation=").append(c.path("relation").asText()).append(' ');
        default -> {}
      }
    }
    sb.append("via=").append(r.via());
    return sb.toString().strip();
  }

  private static String shorten(String s) {
    return s.length() <= 90 ? s : s.substring(0, 87) + "...";
  }

  /**
   * The sample's events: {@code events.tsv.gz} (Beauty) or {@code events.jsonl.gz} (the Instruments
   * reviews, kept in their source's JSON keys).
   */
  static Path eventsFile(Path dir) {
    Path jsonl = dir.resolve("events.jsonl.gz");
    return Files.isRegularFile(jsonl) ? jsonl : requireFile(dir.resolve("events.tsv.gz"));
  }

  /**
   * A relative {@code reasons.aspects.reviews} set by the sample's own demo.properties names a file
   * of the sample (its review text), so that the demo runs from any working directory; the same key
   * given by --config or --set keeps the usual meaning (relative to the working directory).
   */
  static Config sampleRelative(Config cfg, Path demoProperties) {
    String key = "reasons.aspects.reviews";
    String reviews = cfg.optionalString(key);
    if (reviews == null
        || !cfg.origin(key).equals(demoProperties.toString())
        || Path.of(reviews).isAbsolute()) {
      return cfg;
    }
    return cfg.with(key, demoProperties.resolveSibling(reviews).toString());
  }

  private static Path requireFile(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new UserError(
          "demo sample missing: "
              + p
              + " (a full clone has it under samples/; or pass --sample DIR)");
    }
    return p;
  }
}
