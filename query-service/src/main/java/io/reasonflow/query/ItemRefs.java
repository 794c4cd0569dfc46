package io.reasonflow.query;

import io.reasonflow.index.search.ItemSearcher;
import java.util.LinkedHashMap;
import java.util.Map;

/** An item as a response's list names it, shared by the endpoints whose lists hold other items. */
final class ItemRefs {
  private ItemRefs() {}

  /**
   * {@code itemId} and its {@code title} in the served index, for the caller to add its own fields
   * to. The title is null when the item has left the index since the list was written: the entry
   * still shows its id, not nothing.
   */
  static Map<String, Object> of(ItemSearcher s, String itemId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("itemId", itemId);
    m.put("title", s.get(itemId).map(f -> f.item().displayName()).orElse(null));
    return m;
  }
}
