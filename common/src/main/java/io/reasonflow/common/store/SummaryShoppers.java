package io.reasonflow.common.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.UserError;
import java.util.OptionalLong;

/**
 * How many shoppers a backfill wrote profiles for, from its run summary ({@link
 * FeatureLayout#summary()}, field {@value #FIELD}): one profile per shopper with at least one kept
 * event. The reason job needs the number (lift's denominator) before it starts; read from here, its
 * client does not stream the whole profile snapshot to count it.
 */
public final class SummaryShoppers {
  /** The summary's field. */
  public static final String FIELD = "users";

  private SummaryShoppers() {}

  /**
   * The number of shoppers recorded under {@code layout}; empty when there is no summary or it does
   * not know (no field, or -1: a cluster backfill from before it counted its profiles).
   *
   * @throws UserError naming the file and the fix when the summary is there but not one a backfill
   *     writes (not JSON, or the field is not a whole number)
   */
  public static OptionalLong read(FeatureLayout layout) {
    JsonNode root = SummaryFile.read(layout).orElse(null);
    JsonNode users = root == null ? null : root.get(FIELD);
    if (users == null || users.isNull()) {
      return OptionalLong.empty();
    }
    if (!users.isIntegralNumber() || !users.canConvertToLong()) {
      throw SummaryFile.malformed(
          layout.summary(), FIELD + " is " + users + ", not a count of shoppers", null);
    }
    long n = users.asLong();
    return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
  }
}
