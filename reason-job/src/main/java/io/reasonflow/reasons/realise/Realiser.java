package io.reasonflow.reasons.realise;

import io.reasonflow.reasons.evidence.Evidence;
import java.util.Optional;

/** Writes a reason from evidence. Empty when the evidence names none of the shopper's items. */
public interface Realiser {
  /** Short name written with each reason, e.g. {@code template}. */
  String name();

  Optional<RealisedReason> realise(Evidence evidence, ReasonLocale locale);
}
