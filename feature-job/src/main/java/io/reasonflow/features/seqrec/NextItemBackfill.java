package io.reasonflow.features.seqrec;

import io.reasonflow.common.config.Config;
import java.io.Serializable;

/**
 * Whether and how the batch backfill fits the next-item model: the linear model ({@link
 * LinearNextItem}) and the sequential item-kNN ({@link io.reasonflow.features.core.Transitions}),
 * written together as a {@link io.reasonflow.common.seqrec.NextItemFile}.
 *
 * @param enabled fit it at all ({@code features.linear-next.enabled})
 * @param linear the linear model's settings ({@code features.linear-next.*}); its {@code keep} cuts
 *     the sequential kNN's rows in the file too
 */
public record NextItemBackfill(boolean enabled, LinearNextItem.Settings linear)
    implements Serializable {
  /** No next-item model. */
  public static final NextItemBackfill OFF =
      new NextItemBackfill(false, LinearNextItem.Settings.DEFAULTS);

  public static NextItemBackfill from(Config c) {
    return new NextItemBackfill(
        c.bool("features.linear-next.enabled"), LinearNextItem.Settings.from(c));
  }
}
