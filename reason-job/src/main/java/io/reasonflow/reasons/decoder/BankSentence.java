package io.reasonflow.reasons.decoder;

import io.reasonflow.reasons.realise.Slot;
import io.reasonflow.reasons.realise.TemplateKind;
import java.util.List;
import java.util.Set;

/**
 * One delexicalised reason of a {@link ReasonBank}.
 *
 * @param kind the evidence it mainly rests on
 * @param slots its slots in order of appearance
 * @param assertions what its wording asserts (found by the bank's cue phrases)
 * @param skeleton the sentence with {@code {SLOT}} placeholders
 * @param line its line in the bank file, for messages
 */
public record BankSentence(
    TemplateKind kind, List<Slot> slots, Set<Assertion> assertions, String skeleton, int line) {
  public BankSentence {
    slots = List.copyOf(slots);
    assertions = Set.copyOf(assertions);
  }
}
