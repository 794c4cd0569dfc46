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
   * --decoder DIR} calls): "decoder (unconstrained)" and "decoder (constrained)" from {@code
   * explainer.<locale>.*}, and "decoder (no neighbours)" from {@code
   * explainer.<locale>.no-neighbours.*} when it is there; the constrained ones re-checked by the
   * data set's claim checker. A directory with neither is a {@link UserError} naming the files.
   */
  public static List<ExplanationGenerator> fromDecoder(Path dir, ExplanationDataset data) {
    return io.reasonflow.reasons.explain.decoder.DecoderExplanationGenerator.variants(dir, data);
  }
}
