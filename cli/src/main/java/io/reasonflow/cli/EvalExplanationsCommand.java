package io.reasonflow.cli;

import io.reasonflow.common.UserError;
import io.reasonflow.reasons.explain.ExplanationDataset;
import io.reasonflow.reasons.explain.ExplanationDatasets;
import io.reasonflow.reasons.explain.ExplanationEvaluation;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import io.reasonflow.reasons.explain.ExplanationGenerator;
import io.reasonflow.reasons.explain.ExplanationGenerators;
import io.reasonflow.reasons.explain.ReviewSplit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Explanation generation on real review sentences (issue 14, PETER's task): builds the examples of
 * one locale from the shared data, runs the retrieval and template baselines (and a decoder's
 * generators with --decoder) over the test split, and prints one table with the published anchors
 * and 20 sampled outputs.
 */
@Command(
    name = "eval-explanations",
    mixinStandardHelpOptions = true,
    description =
        "Review-sentence explanations (PETER's task) on held-out reviews: BLEU-1/4, ROUGE-1/2/L, USR, "
            + "FMR, FCR, DIV, claim precision before/after the verifier, delexicalised unique ratio, "
            + "for the retrieval and template baselines and an optional decoder.")
final class EvalExplanationsCommand implements Callable<Integer> {
  @Option(
      names = "--locale",
      defaultValue = "en",
      description =
          "en (Amazon Instruments reviews) or zh-CN (zh-shopping-reviews); default ${DEFAULT-VALUE}.")
  String locale;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "../shared/data",
      description = "The shared data directory (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--decoder",
      paramLabel = "DIR",
      description = "A trained review-sentence decoder directory: its generators join the table.")
  Path decoder;

  @Option(
      names = "--split",
      defaultValue = "test",
      description =
          "test (the reported table) or validation (for choosing settings); default ${DEFAULT-VALUE}.")
  String split;

  @Option(
      names = "--seed",
      defaultValue = "" + ReviewSplit.DEFAULT_SEED,
      description = "Split and sample seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the table as markdown.")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!locale.equals("en") && !locale.equals("zh-CN")) {
      throw new UserError("--locale must be en or zh-CN, not " + locale);
    }
    Split s =
        switch (split.toLowerCase(Locale.ROOT)) {
          case "test" -> Split.TEST;
          case "validation" -> Split.VALIDATION;
          default -> throw new UserError("--split must be test or validation, not " + split);
        };
    if (!Files.isDirectory(data)) {
      throw new UserError("--data " + data + " is not a directory: point it at the shared data");
    }
    if (decoder != null && !Files.isDirectory(decoder)) {
      throw new UserError("--decoder " + decoder + " is not a directory");
    }
    PrintWriter w = spec.commandLine().getOut();
    ExplanationDataset dataset =
        ExplanationDatasets.load(data, locale, seed, line -> w.println("  " + line));
    List<ExplanationGenerator> generators =
        decoder == null
            ? ExplanationGenerators.baselines(dataset)
            : ExplanationGenerators.with(
                dataset, ExplanationGenerators.fromDecoder(decoder, dataset));
    ExplanationEvaluation.Result result =
        ExplanationEvaluation.run(dataset, generators, s, seed, line -> w.println("  " + line));
    String md = result.markdown();
    w.println(md);
    if (out != null) {
      try {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(out, md);
      } catch (IOException e) {
        throw new UncheckedIOException(out.toString(), e);
      }
      w.println("table written to " + out);
    }
    return 0;
  }
}
