package io.reasonflow.features.stream;

import java.io.Serializable;

/**
 * What every item subtask must know about all items: the current model, and each item's shopper
 * count (a neighbour's count is needed to score a co-view pair). One type, because a keyed stream
 * connects to one broadcast.
 *
 * @param model a new model, or {@code null}
 * @param item the item whose shopper count changed, or {@code null}
 * @param shoppers that count
 */
public record ItemBroadcast(ItemModel model, String item, int shoppers) implements Serializable {
  public static ItemBroadcast of(ItemModel model) {
    return new ItemBroadcast(model, null, 0);
  }

  public static ItemBroadcast shoppers(String item, int shoppers) {
    return new ItemBroadcast(null, item, shoppers);
  }
}
