package io.reasonflow.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.candidates.Candidate;
import io.reasonflow.reasons.decoder.DecoderModel;
import io.reasonflow.reasons.decoder.DecodingSettings;
import io.reasonflow.reasons.decoder.EvaluationCase;
import io.reasonflow.reasons.decoder.EvaluationReport;
import io.reasonflow.reasons.decoder.NeuralRealiser;
import io.reasonflow.reasons.decoder.ReasonBank;
import io.reasonflow.reasons.decoder.ReasonEvaluator;
import io.reasonflow.reasons.decoder.VerifiedRealiser;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decoder against templates on real features: the first {@code users} shoppers of a feature-job
 * output, each with the candidates the reason job would realise for them (their top-k with an
 * anchor), scored side by side by {@link ReasonEvaluator}, plus what the verifier loop did and
 * sample reasons. The entry point of {@code ./reasonflow eval-reasons}.
 */
public final class ReasonEvaluation {
  /** Sample reasons shown under the table. */
  public static final int SAMPLES = 20;

  private ReasonEvaluation() {}

  /**
   * One sample recommendation.
   *
   * @param decoderFirst the decoder's first choice before the verifier, empty if it wrote none
   * @param emitted what the verifier loop emitted
   * @param source who wrote {@code emitted}
   */
  public record Sample(
      String userId,
      String itemId,
      String template,
      String decoderFirst,
      String emitted,
      VerifiedRealiser.Source source) {}

  /**
   * @param report the side-by-side scores
   * @param decoderAccepted decoder reasons the verifier loop accepted
   * @param rejectedBeams decoder beams it rejected
   * @param fallbacks reasons it took from the templates because no beam verified
   * @param decodeSeconds wall time of decoding every case once (all beams, in batches)
   */
  public record Result(
      EvaluationReport report,
      int users,
      long decoderAccepted,
      long rejectedBeams,
      long fallbacks,
      double decodeSeconds,
      List<Sample> samples) {

    /** The table, the verifier loop's counts and the samples, for the console. */
    public String toText() {
      StringBuilder sb = new StringBuilder(report.toText());
      int cases = report.cases();
      sb.append(
          String.format(
              Locale.ROOT,
              "shoppers %d; verifier loop: decoder accepted %d, beams rejected %d, "
                  + "template fallbacks %d; decoding %.1f s (%.0f reasons/s)%n",
              users,
              decoderAccepted,
              rejectedBeams,
              fallbacks,
              decodeSeconds,
              cases / Math.max(decodeSeconds, 1e-9)));
      sb.append(
          String.format(
              Locale.ROOT,
              "%nsample reasons (decoder after the verifier; [T] = template fallback, "
                  + "* = the decoder's first choice was rejected)%n"));
      for (Sample s : samples) {
        sb.append(
            String.format(
                Locale.ROOT,
                "- %s%s %s%n",
                s.source() == VerifiedRealiser.Source.TEMPLATE ? "[T] " : "",
                s.decoderFirst().equals(s.emitted()) ? "" : "*",
                s.emitted()));
        sb.append(String.format(Locale.ROOT, "    template: %s%n", s.template()));
      }
      return sb.toString();
    }
  }

  /** {@link #evaluate} as printable text. */
  public static String run(
      Config config, FeatureLayout layout, Path modelDir, int users, String locale) {
    return evaluate(config, layout, modelDir, users, locale).toText();
  }

  /**
   * @param modelDir a {@code train-decoder} output holding {@code decoder.<locale>.zip} and {@code
   *     .json}
   * @param users how many shoppers, the first ones of {@code profiles.jsonl.gz}
   * @param locale {@code en} or {@code zh-CN}
   */
  public static Result evaluate(
      Config config, FeatureLayout layout, Path modelDir, int users, String locale) {
    if (users < 1) {
      throw new IllegalArgumentException("users must be at least 1");
    }
    ReasonLocale loc = ReasonLocale.parse(locale);
    Config c =
        config.with("reasons.locale", loc.tag()).with("decoder.model-dir", modelDir.toString());
    DecoderModel model = loadDecoder(c, loc);
    DecoderModel.nativeThreads(c.integer("decoder.native-threads", 1, 256));
    List<UserProfile> profiles = firstProfiles(layout, users);
    try (EvidenceStores stores = EvidenceStores.open(layout)) {
      Recommender.Components parts =
          stores.components(ReasonSettings.from(c), countProfiles(layout));
      List<EvaluationCase> cases = cases(profiles, parts);
      NeuralRealiser neural =
          new NeuralRealiser(
              List.of(model),
              parts.renderer(),
              parts.similarCosine(),
              DecodingSettings.fromConfig(c));
      ReasonEvaluator evaluator =
          new ReasonEvaluator(
              parts.verifier(), parts.template(), neural, model, parts.similarCosine());
      ReasonEvaluator.Run run = evaluator.run(cases, loc, ReasonBank.shipped(loc));
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < cases.size() && samples.size() < SAMPLES; i++) {
        Optional<RealisedReason> emitted = run.outcomes().get(i).reason();
        if (emitted.isEmpty() || run.alternatives().get(i).isEmpty()) {
          continue;
        }
        EvaluationCase k = cases.get(i);
        samples.add(
            new Sample(
                k.profile().userId(),
                k.candidateId(),
                parts.template().realise(k.evidence(), loc).map(RealisedReason::text).orElse(""),
                run.alternatives().get(i).get(0).text(),
                emitted.get().text(),
                run.outcomes().get(i).source()));
      }
      VerifiedRealiser loop = run.loop();
      return new Result(
          run.report(),
          profiles.size(),
          loop.neuralAccepted(),
          loop.rejectedBeams(),
          loop.fallbacks(),
          run.decodeSeconds(),
          samples);
    }
  }

  /**
   * Each shopper's first top-k candidates that name one of their items: the ones the reason job
   * realises.
   */
  static List<EvaluationCase> cases(List<UserProfile> profiles, Recommender.Components parts) {
    List<EvaluationCase> out = new ArrayList<>();
    for (UserProfile p : profiles) {
      int taken = 0;
      for (Iterator<Candidate> it = parts.candidates().generate(p).iterator();
          it.hasNext() && taken < parts.topK(); ) {
        Candidate cand = it.next();
        Evidence e = parts.evidence().build(p, cand.itemId());
        if (!e.anchors().isEmpty()) {
          out.add(new EvaluationCase(p, cand.itemId(), e));
          taken++;
        }
      }
    }
    return out;
  }

  private static List<UserProfile> firstProfiles(FeatureLayout layout, int n) {
    List<UserProfile> out = new ArrayList<>();
    JsonLines.forEach(
        layout.profiles(),
        UserProfile.class,
        p -> {
          if (out.size() < n) {
            out.add(p);
          }
        });
    return out;
  }

  private static long countProfiles(FeatureLayout layout) {
    long[] n = {0};
    JsonLines.forEach(layout.profiles(), UserProfile.class, p -> n[0]++);
    return n[0];
  }

  /**
   * The bank decoder for {@code locale} from {@code decoder.model-dir}: {@code eval-reasons} still
   * compares it; the reason job no longer uses it.
   *
   * @throws UserError naming the key and how to train a model when there is none
   */
  static DecoderModel loadDecoder(Config config, ReasonLocale locale) {
    String dir = config.optionalString("decoder.model-dir");
    String train =
        "; train one with ./reasonflow train-decoder and point decoder.model-dir at its output "
            + "directory, or set reasons.realiser = template";
    if (dir == null || dir.isBlank()) {
      throw new UserError(
          "reasons.realiser = decoder needs a trained decoder, but decoder.model-dir is empty"
              + train);
    }
    Path p = Path.of(dir.strip());
    if (!Files.isRegularFile(DecoderModel.networkFile(p, locale))
        || !Files.isRegularFile(DecoderModel.metadataFile(p, locale))) {
      throw new UserError(
          "decoder.model-dir = "
              + p
              + " ("
              + config.origin("decoder.model-dir")
              + ") has no "
              + locale.tag()
              + " decoder: expected "
              + DecoderModel.networkFile(p, locale).getFileName()
              + " and "
              + DecoderModel.metadataFile(p, locale).getFileName()
              + train);
    }
    return DecoderModel.load(p, locale);
  }
}
