package io.reasonflow.cli;

import io.reasonflow.common.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run of the README's demo ({@link DemoCommand#run} on the bundled Beauty sample, top 5 for 4
 * shoppers) per test JVM, shared by every test that checks the demo's real output: {@link
 * DemoAcceptanceITCase} (its promise: reasons recounted from the raw events) and {@link
 * ShopPagesITCase} (its pages in a browser). Both read the output only, and the demo is the minute
 * of the cli module's tests that does not depend on which test looks at it, so it runs once
 * (failsafe runs every ITCase of the module in one JVM) rather than once per class.
 *
 * <p>The output lives in a temp directory deleted when the JVM exits (a class's {@code @TempDir}
 * would be deleted after that class, under the next one's feet).
 */
final class DemoRun {
  /** Shoppers the demo picks, as {@code ./reasonflow demo} does. */
  static final int USERS = 5;

  final Path sample;
  final Config config;
  final Path out;
  final DemoCommand.DemoResult result;

  /** What the demo printed: its stage lines and each shopper's top list. */
  final String console;

  private static DemoRun shared;

  private DemoRun(
      Path sample, Config config, Path out, DemoCommand.DemoResult result, String console) {
    this.sample = sample;
    this.config = config;
    this.out = out;
    this.result = result;
    this.console = console;
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("rf.repo.root", ".."));
  }

  static Path sampleDir() {
    return repoRoot().resolve("samples/amazon-beauty-2014");
  }

  static Config demoConfig() {
    return Config.load(sampleDir().resolve("demo.properties"), Map.of());
  }

  /** The demo's output, run on first use in this JVM. */
  static synchronized DemoRun get() {
    if (shared == null) {
      shared = run();
    }
    return shared;
  }

  private static DemoRun run() {
    Path sample = sampleDir();
    Config config = demoConfig();
    Path out;
    try {
      out = Files.createTempDirectory("rf-demo-run-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(out), "rf-demo-run-cleanup"));
    StringWriter text = new StringWriter();
    PrintWriter pw = new PrintWriter(text);
    long t0 = System.nanoTime();
    DemoCommand.DemoResult result =
        DemoCommand.run(
            config,
            sample.resolve("events.tsv.gz"),
            sample.resolve("items.tsv.gz"),
            out,
            USERS,
            new Stages(pw, 4));
    DemoCommand.printTopLists(pw, result.recommendationsFile(), result.users());
    pw.flush();
    System.err.printf(
        "[figures] demo run shared by the cli's end-to-end tests: %,d ms%n",
        (System.nanoTime() - t0) / 1_000_000);
    return new DemoRun(sample, config, out, result, text.toString());
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit: a temp directory left behind is harmless
    }
  }
}
