package io.reasonflow.features.seqrec;

import io.reasonflow.common.config.Config;
import java.io.Serializable;

/**
 * Whether and how the batch backfill trains the sequential model.
 *
 * @param enabled train it at all ({@code features.seqrec.enabled})
 * @param minPositions train only when the shoppers' histories hold at least this many training
 *     positions (items with a predecessor); below it the backfill writes no model and the reason
 *     job uses its other sources ({@code features.seqrec.min-positions})
 * @param model the network and training settings ({@code features.seqrec.*})
 */
public record SeqRecBackfill(boolean enabled, long minPositions, SeqRecSettings model)
    implements Serializable {
  /** No sequential model. */
  public static final SeqRecBackfill OFF = new SeqRecBackfill(false, 0, SeqRecSettings.DEFAULTS);

  public SeqRecBackfill {
    if (minPositions < 0) {
      throw new IllegalArgumentException("minPositions must not be negative: " + minPositions);
    }
  }

  public static SeqRecBackfill from(Config c) {
    return new SeqRecBackfill(
        c.bool("features.seqrec.enabled"),
        c.integer("features.seqrec.min-positions", 0, Integer.MAX_VALUE),
        SeqRecSettings.from(c));
  }
}
