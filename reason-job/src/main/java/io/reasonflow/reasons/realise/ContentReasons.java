package io.reasonflow.reasons.realise;

import io.reasonflow.reasons.evidence.Evidence;
import java.util.List;

/**
 * Reasons about what the product is like, proposed before the template realiser's own (review
 * aspects: {@code io.reasonflow.reasons.aspects.AspectReasons}). Each is a template reason like the
 * others, its claims checked by the verifier.
 */
public interface ContentReasons {
  /** No content reasons: the data has no review text. */
  ContentReasons NONE = (e, locale, renderer) -> List.of();

  List<RealisedReason> options(Evidence evidence, ReasonLocale locale, SlotRenderer renderer);
}
