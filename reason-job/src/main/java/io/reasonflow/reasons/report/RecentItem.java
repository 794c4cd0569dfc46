package io.reasonflow.reasons.report;

import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.evidence.ItemCatalog;
import java.util.List;

/** One of a shopper's recent items as the report lists it. */
public record RecentItem(String itemId, String title, EventType action) {

  /**
   * The profile's recent items, newest first, titled from the catalogue (the id where it has none).
   */
  public static List<RecentItem> of(UserProfile profile, ItemCatalog catalog) {
    return profile.recent().stream()
        .map(
            a ->
                new RecentItem(
                    a.itemId(),
                    catalog
                        .get(a.itemId())
                        .map(f -> f.item().displayName())
                        .orElse("item " + a.itemId()),
                    a.type()))
        .toList();
  }
}
