package io.reasonflow.reasons.candidates;

import io.reasonflow.common.seqrec.NextItemScorer;
import io.reasonflow.common.seqrec.SeqRecScorer;

/**
 * The learned next-item models a candidate generator blends in, each null when the backfill wrote
 * none: the sequential network ({@code seqrec-model.bin}) and the next-item model, linear plus
 * sequential kNN ({@code next-item-model.bin}).
 */
public record CandidateModels(SeqRecScorer sequence, NextItemScorer nextItem) {
  /** Neither model. */
  public static final CandidateModels NONE = new CandidateModels(null, null);
}
