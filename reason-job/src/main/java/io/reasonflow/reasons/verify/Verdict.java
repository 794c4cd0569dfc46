package io.reasonflow.reasons.verify;

import io.reasonflow.reasons.realise.Claim;
import java.util.List;

/**
 * The verifier's answer: faithful when nothing failed.
 *
 * @param failures every claim (or structural check, with a null claim) that did not hold
 */
public record Verdict(List<Failure> failures) {
  public Verdict {
    failures = List.copyOf(failures);
  }

  public boolean faithful() {
    return failures.isEmpty();
  }

  /**
   * One thing a reason got wrong.
   *
   * @param claim the false claim, or null when the reason's form is wrong (text not its template,
   *     no anchor named)
   * @param problem what is wrong, with the true value where there is one
   */
  public record Failure(Claim claim, String problem) {}
}
