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

  @Option(
      names = "--sampling",
      paramLabel = "K,T,FIRST[,SEED]",
      description =
          "With --decoder, also a row for the constrained decoder drawing its first FIRST tokens (0:"
              + " all) from the K most likely at temperature T (seed SEED, default 14); repeatable."
              + " For choosing the decoding on --split validation.")
  List<String> sampling = new java.util.ArrayList<>();

  @Option(
      names = "--beam",
      paramLabel = "W[,K,T,FIRST[,SEED]]",
      description =
          "With --decoder, also a row for the constrained decoder decoding by beam search of width"
              + " W (length-normalised log-probability), after a drawn opening as --sampling"
              + " K,T,FIRST draws it if given; repeatable. For choosing the decoding on --split"
              + " validation.")
  List<String> beams = new java.util.ArrayList<>();

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
    if ((!sampling.isEmpty() || !beams.isEmpty()) && decoder == null) {
      throw new UserError(
          (sampling.isEmpty() ? "--beam" : "--sampling")
              + " needs --decoder DIR (it adds rows of that decoder)");
    }
    List<Integer> widths = new java.util.ArrayList<>();
    List<io.reasonflow.reasons.explain.decoder.ExplainerDecoder.Sampling> openings =
        new java.util.ArrayList<>();
    for (String b : beams) {
      int comma = b.indexOf(',');
      int w;
      try {
        w = Integer.parseInt((comma < 0 ? b : b.substring(0, comma)).trim());
      } catch (NumberFormatException e) {
        throw new UserError(
            "--beam " + b + ": the width is not a whole number; write W or W,K,T,FIRST");
      }
      if (w < 1 || w > 64) {
        throw new UserError("--beam must be between 1 and 64, not " + w);
      }
      widths.add(w);
      openings.add(
          comma < 0
              ? io.reasonflow.reasons.explain.decoder.ExplainerDecoder.Sampling.GREEDY
              : parseSampling(b.substring(comma + 1)));
    }
    List<io.reasonflow.reasons.explain.decoder.ExplainerDecoder.Sampling> draws =
        sampling.stream().map(EvalExplanationsCommand::parseSampling).toList();
    PrintWriter w = spec.commandLine().getOut();
    ExplanationDataset dataset =
        ExplanationDatasets.load(data, locale, seed, line -> w.println("  " + line));
    List<ExplanationGenerator> generators =
        decoder == null
            ? ExplanationGenerators.baselines(dataset)
            : ExplanationGenerators.with(
                dataset, ExplanationGenerators.fromDecoder(decoder, dataset));
    if (!draws.isEmpty() || !beams.isEmpty()) {
      generators = new java.util.ArrayList<>(generators);
      var constrained =
          generators.stream()
              .filter(g -> g.name().equals("decoder (constrained)"))
              .map(g -> (io.reasonflow.reasons.explain.decoder.DecoderExplanationGenerator) g)
              .findFirst()
              .orElseThrow(
                  () ->
                      new UserError(
                          "--sampling/--beam: " + decoder + " has no constrained decoder"));
      for (var draw : draws) {
        generators.add(constrained.sampling(draw));
      }
      for (int i = 0; i < widths.size(); i++) {
        generators.add(constrained.beam(widths.get(i), openings.get(i)));
      }
    }
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

  private static io.reasonflow.reasons.explain.decoder.ExplainerDecoder.Sampling parseSampling(
      String s) {
    String[] p = s.split(",");
    try {
      if (p.length < 3 || p.length > 4) {
        throw new IllegalArgumentException("needs 3 or 4 comma-separated values");
      }
      return new io.reasonflow.reasons.explain.decoder.ExplainerDecoder.Sampling(
          Integer.parseInt(p[0].trim()),
          Double.parseDouble(p[1].trim()),
          Integer.parseInt(p[2].trim()),
          p.length == 4 ? Long.parseLong(p[3].trim()) : 14);
    } catch (IllegalArgumentException e) {
      throw new UserError(
          "--sampling "
              + s
              + ": "
              + e.getMessage()
              + "; write K,T,FIRST[,SEED], e.g. 3,1.0,3 (top-3, temperature 1, first 3 tokens)");
    }
  }
}
