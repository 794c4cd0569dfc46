package io.reasonflow.reasons.explain;

import io.reasonflow.common.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The generators an evaluation runs: the two baselines, and whatever a caller adds (the decoder,
 * constrained or not).
 */
public final class ExplanationGenerators {
  private ExplanationGenerators() {}

  /** Retrieval, then template. */
  public static List<ExplanationGenerator> baselines(ExplanationDataset data) {
    return List.of(new RetrievalGenerator(data), new TemplateGenerator(data.chinese()));
  }

  /** The baselines followed by {@code extra}. */
  public static List<ExplanationGenerator> with(
      ExplanationDataset data, List<ExplanationGenerator> extra) {
    List<ExplanationGenerator> out = new ArrayList<>(baselines(data));
    out.addAll(extra);
    return List.copyOf(out);
  }

  /**
   * The generators a trained decoder directory provides (the hook {@code eval-explanations
   * --decoder DIR} calls); the decoder work fills it in.
   */
  public static List<ExplanationGenerator> fromDecoder(Path dir, ExplanationDataset data) {
    throw new UserError(
        "--decoder: this build has no review-sentence decoder yet; run without --decoder");
  }
}
