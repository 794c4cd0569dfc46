package io.reasonflow.reasons.evidence;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.JsonLines;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every item the feature job wrote, by id: titles, vectors and shopper counts that evidence is
 * computed from and that the verifier re-reads. Held in memory (the Beauty catalogue is 12k items,
 * a few MB).
 */
public final class ItemCatalog {
  private final Map<String, ItemFeatures> items;

  private ItemCatalog(Map<String, ItemFeatures> items) {
    this.items = items;
  }

  public static ItemCatalog of(Collection<ItemFeatures> features) {
    Map<String, ItemFeatures> m = new LinkedHashMap<>();
    for (ItemFeatures f : features) {
      if (m.put(f.id(), f) != null) {
        throw new IllegalArgumentException("item " + f.id() + " appears twice");
      }
    }
    return new ItemCatalog(Map.copyOf(m));
  }

  /** Reads {@code items.jsonl.gz} as the feature job wrote it. */
  public static ItemCatalog read(Path itemsFile) {
    return of(JsonLines.readAll(itemsFile, ItemFeatures.class));
  }

  public Optional<ItemFeatures> get(String itemId) {
    return Optional.ofNullable(items.get(itemId));
  }

  public boolean contains(String itemId) {
    return items.containsKey(itemId);
  }

  public Collection<ItemFeatures> all() {
    return items.values();
  }

  public int size() {
    return items.size();
  }
}
