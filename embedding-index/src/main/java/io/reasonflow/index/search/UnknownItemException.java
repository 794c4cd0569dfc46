package io.reasonflow.index.search;

import io.reasonflow.common.UserError;

/** An item id the index does not hold: a caller's mistake, not a fault. */
public final class UnknownItemException extends UserError {
  private final String itemId;

  public UnknownItemException(String itemId) {
    super("unknown item id: " + itemId);
    this.itemId = itemId;
  }

  public String itemId() {
    return itemId;
  }
}
