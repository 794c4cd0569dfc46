package io.reasonflow.reasons.decoder;

/**
 * What a reason's wording (not its slots) asserts about the candidate and the anchor. Each is a
 * checkable claim: the decoder may use a cue only when its assertion holds, and the verifier checks
 * it through the claim it becomes.
 */
public enum Assertion {
  /** "goes well with": a RelationClaim of COMPLEMENT. */
  COMPLEMENT,
  /** "an alternative to": a RelationClaim of SUBSTITUTE. */
  SUBSTITUTE,
  /**
   * "close to": a SimilarityClaim (vector cosine at or above {@code
   * reasons.relation.similar-cosine}).
   */
  SIMILAR
}
