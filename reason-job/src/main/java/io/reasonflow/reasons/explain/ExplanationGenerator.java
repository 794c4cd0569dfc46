package io.reasonflow.reasons.explain;

import java.util.Optional;

/**
 * Anything that writes an explanation for an example: the decoder (constrained or not), the
 * template realiser, the retrieval baseline. The evaluation runs every generator over the same
 * held-out examples.
 */
public interface ExplanationGenerator {
  /** The name the evaluation table shows. */
  String name();

  /**
   * The sentence for {@code example}, or empty when the generator has nothing it may say (the
   * evaluation counts those as fallbacks). Must read only the example's inputs, never its reference
   * {@link ExplanationExample#sentence()}.
   */
  Optional<String> explain(ExplanationExample example);
}
