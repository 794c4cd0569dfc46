package io.reasonflow.features.stream;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.features.seqrec.LinearNextItem;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Whether and how the streaming job refits the next-item model ({@link NextItemRefit}), read once
 * from the configuration.
 *
 * @param enabled {@code features.linear-next.enabled} and {@code features.stream.retrain.next-item}
 *     (the refit runs with each item2vec retraining, so also only when that is on: {@link
 *     StreamSettings#refitNextItem()})
 * @param linear the fit's settings, the backfill's ({@code features.linear-next.*})
 * @param file where each refit is published: {@code features.stream.next-item-model}, or when that
 *     is empty {@code next-item-model.bin} in the parent of {@code features.stream.index-dir} (the
 *     backfill output whose index the job maintains, where a reason job reading that output finds
 *     the model); null when neither is set
 */
public record NextItemRefitSettings(boolean enabled, LinearNextItem.Settings linear, String file)
    implements Serializable {
  public static final String ENABLED_KEY = "features.stream.retrain.next-item";
  public static final String FILE_KEY = "features.stream.next-item-model";

  public static NextItemRefitSettings from(Config c) {
    return new NextItemRefitSettings(
        c.bool("features.linear-next.enabled") && c.bool(ENABLED_KEY),
        LinearNextItem.Settings.from(c),
        file(c));
  }

  private static String file(Config c) {
    String file = c.optionalString(FILE_KEY);
    if (file != null) {
      return file;
    }
    String index = c.optionalString("features.stream.index-dir");
    if (index == null) {
      return null;
    }
    Path parent = Path.of(index).toAbsolutePath().normalize().getParent();
    return parent == null ? null : new FeatureLayout(parent).nextItemModel().toString();
  }
}
