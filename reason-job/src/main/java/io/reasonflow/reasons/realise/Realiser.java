package io.reasonflow.reasons.realise;

import io.reasonflow.reasons.evidence.Evidence;
import java.util.List;
import java.util.Optional;

/** Writes a reason from evidence. Empty when the evidence names none of the shopper's items. */
public interface Realiser {
  /** Short name written with each reason, e.g. {@code template}. */
  String name();

  Optional<RealisedReason> realise(Evidence evidence, ReasonLocale locale);

  /**
   * Every reason this realiser would write for the evidence, preferred first: the caller emits the
   * first one the verifier accepts, so one claim the verifier turns down costs the item its best
   * reason, not its recommendation.
   */
  default List<RealisedReason> options(Evidence evidence, ReasonLocale locale) {
    return realise(evidence, locale).map(List::of).orElse(List.of());
  }
}
