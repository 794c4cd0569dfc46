package io.reasonflow.reasons.explain;

import io.reasonflow.common.Progress;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs explanation generators over one split of a data set (TEST for the reported table; any
 * setting is chosen on VALIDATION) and scores them alike: BLEU-1/4, ROUGE-1/2/L, USR, FMR, FCR, DIV
 * on the generators' own sentences; claim precision before and after the verifier; the
 * delexicalised unique-sentence ratio. The verifier is the {@link ClaimChecker}: a sentence with
 * any unsupported claim is rejected and the template's sentence served instead (a fallback, as is
 * an example the generator wrote nothing for); precision after the verifier is over the sentences
 * served.
 */
public final class ExplanationEvaluation {
  /** Published anchors printed beside the table. */
  public static final List<String> ANCHORS =
      List.of(
          "PETER on Amazon Beauty BLEU-4 1.15 / ROUGE-L 11.41 (P5 paper, Table 4)",
          "statement-level precision of published explainers 4.4-32.9% (Kabongo & Guigue, PAKDD"
              + " 2026)");

  /** Examples printed per run. */
  public static final int SAMPLE = 20;

  private ExplanationEvaluation() {}

  /** One generator's scores. */
  public record Row(
      String generator,
      double bleu1,
      double bleu4,
      double rouge1,
      double rouge2,
      double rougeL,
      double usr,
      double fmr,
      double fcr,
      double div,
      double claimsPerSentence,
      double precisionBefore,
      double precisionAfter,
      int rejected,
      int empty,
      double delexicalisedUnique) {}

  /** A run's table and sampled outputs. */
  public record Result(
      String locale, Split split, int examples, List<Row> rows, List<String> samples) {

    /** The table, the anchors and the sample as markdown. */
    public String markdown() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "Explanation generators, %s, %s split, %,d example sentences%n%n",
              locale,
              split.name().toLowerCase(Locale.ROOT),
              examples));
      sb.append(
          "| generator | BLEU-1 | BLEU-4 | ROUGE-1 | ROUGE-2 | ROUGE-L | USR | FMR | FCR | DIV |"
              + " claims/sent. | claim prec. before | after verifier | rejected | no output |"
              + " delex. unique |\n");
      sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
      for (Row r : rows) {
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f | %.3f | %.3f | %.3f | %.2f |"
                    + " %.1f%% | %.1f%% | %d | %d | %.3f |%n",
                r.generator(),
                r.bleu1(),
                r.bleu4(),
                r.rouge1(),
                r.rouge2(),
                r.rougeL(),
                r.usr(),
                r.fmr(),
                r.fcr(),
                r.div(),
                r.claimsPerSentence(),
                100 * r.precisionBefore(),
                100 * r.precisionAfter(),
                r.rejected(),
                r.empty(),
                r.delexicalisedUnique()));
      }
      sb.append("\nPublished anchors: ");
      sb.append(String.join("; ", ANCHORS)).append(".\n");
      sb.append(
          "\nBLEU and ROUGE x100 on "
              + (locale.startsWith("zh") ? "characters" : "lower-case words")
              + "; DIV lower is more diverse; rejected = sentences the verifier replaced by the"
              + " template's, no output = examples the generator wrote nothing for (also served"
              + " by the template).\n\n");
      sb.append(String.format("%d sampled examples (seeded):%n%n", samples.size()));
      samples.forEach(s -> sb.append(s).append('\n'));
      return sb.toString();
    }
  }

  public static Result run(
      ExplanationDataset data,
      List<ExplanationGenerator> generators,
      Split split,
      long seed,
      Consumer<String> progress) {
    boolean zh = data.chinese();
    List<ExplanationExample> examples = data.examples(split);
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no " + split + " examples");
    }
    ClaimChecker checker = new ClaimChecker(data.vocabulary(), zh);
    TemplateGenerator fallback = new TemplateGenerator(zh);
    Set<String> featureSet = data.featureSet();
    List<List<String>> refs = new ArrayList<>();
    List<String> firstFeatures = new ArrayList<>();
    for (ExplanationExample e : examples) {
      refs.add(ExplanationTokens.of(e.sentence(), zh));
      firstFeatures.add(e.features().isEmpty() ? "" : e.features().get(0));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    List<Integer> sample = order.subList(0, Math.min(SAMPLE, order.size()));
    List<List<String>> sampled = new ArrayList<>();
    for (int i : sample) {
      ExplanationExample e = examples.get(i);
      List<String> lines = new ArrayList<>();
      lines.add(
          String.format(
              "- **%s** %s, features %s, opinions %s, type \"%s\"%n  - reference: %s",
              e.reviewId(), e.itemId(), e.features(), e.opinions(), e.productType(), e.sentence()));
      sampled.add(lines);
    }

    List<Row> rows = new ArrayList<>();
    for (ExplanationGenerator g : generators) {
      List<List<String>> hyps = new ArrayList<>();
      List<Set<String>> detected = new ArrayList<>();
      List<List<String>> delex = new ArrayList<>();
      long claims = 0;
      long supported = 0;
      long claimsAfter = 0;
      long supportedAfter = 0;
      int rejected = 0;
      int empty = 0;
      long start = System.currentTimeMillis();
      long lastLine = start;
      List<String> raw = new ArrayList<>();
      for (int i = 0; i < examples.size(); i++) {
        ExplanationExample e = examples.get(i);
        Optional<String> out = g.explain(e);
        String s = out.orElse("");
        raw.add(out.orElse(null));
        List<String> tokens = ExplanationTokens.of(s, zh);
        hyps.add(tokens);
        detected.add(FeatureMetrics.detect(tokens, featureSet, zh));
        List<String> itemAspects = data.itemAspects(e.itemId());
        String served = null;
        if (out.isEmpty()) {
          empty++;
        } else {
          delex.add(checker.delexicalise(s));
          ClaimChecker.Check c = checker.check(s, e, itemAspects);
          claims += c.claims().size();
          supported += c.supported();
          if (c.allSupported()) {
            served = s;
          } else {
            rejected++;
          }
        }
        if (served == null) {
          served =
              fallback
                  .explain(e)
                  .filter(f -> checker.check(f, e, itemAspects).allSupported())
                  .orElse(null);
        }
        if (served != null) {
          ClaimChecker.Check c = checker.check(served, e, itemAspects);
          claimsAfter += c.claims().size();
          supportedAfter += c.supported();
        }
        long now = System.currentTimeMillis();
        if (now - lastLine > 5_000) {
          lastLine = now;
          progress.accept(Progress.line(g.name(), i + 1, examples.size(), start));
        }
      }
      Rouge.Scores rouge = Rouge.of(refs, hyps);
      int written = examples.size() - empty;
      rows.add(
          new Row(
              g.name(),
              Bleu.corpus(refs, hyps, 1),
              Bleu.corpus(refs, hyps, 4),
              rouge.rouge1(),
              rouge.rouge2(),
              rouge.rougeL(),
              UniqueSentenceRatio.of(hyps),
              FeatureMetrics.fmr(detected, firstFeatures),
              FeatureMetrics.fcr(detected, featureSet.size()),
              FeatureMetrics.div(detected),
              written == 0 ? 0 : (double) claims / written,
              claims == 0 ? 1 : (double) supported / claims,
              claimsAfter == 0 ? 1 : (double) supportedAfter / claimsAfter,
              rejected,
              empty,
              UniqueSentenceRatio.of(delex)));
      for (int k = 0; k < sample.size(); k++) {
        ExplanationExample e = examples.get(sample.get(k));
        String s = raw.get(sample.get(k));
        String mark =
            s == null
                ? "(nothing)"
                : s
                    + (checker.check(s, e, data.itemAspects(e.itemId())).allSupported()
                        ? ""
                        : "  [rejected: unsupported claim]");
        sampled.get(k).add(String.format("  - %s: %s", g.name(), mark));
      }
      progress.accept(
          String.format(
              Locale.ROOT,
              "%s: %,d examples in %.1fs",
              g.name(),
              examples.size(),
              (System.currentTimeMillis() - start) / 1000.0));
    }
    List<String> samples = new ArrayList<>();
    sampled.forEach(l -> samples.add(String.join("\n", l)));
    return new Result(data.locale(), split, examples.size(), rows, samples);
  }
}
