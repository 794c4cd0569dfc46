package io.reasonflow.common.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What a shopper did with an item. The weight is how strongly the event says "this shopper wants
 * items like this one"; user profiles average item vectors with these weights (a purchase says more
 * than a view).
 */
public enum EventType {
  VIEW(1.0f),
  CLICK(1.5f),
  CART(3.0f),
  PURCHASE(5.0f),
  /** A written review: the shopper bought the item (Amazon review datasets log nothing else). */
  REVIEW(5.0f);

  private final float defaultWeight;

  EventType(float defaultWeight) {
    this.defaultWeight = defaultWeight;
  }

  public float defaultWeight() {
    return defaultWeight;
  }

  /**
   * Parses a type name as logged by common trackers; case-insensitive, with the usual aliases
   * ({@code add_to_cart}, {@code buy}, {@code order}, {@code rating}).
   */
  public static Optional<EventType> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String s = raw.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return switch (s) {
      case "view", "pageview", "page_view", "detail", "impression" -> Optional.of(VIEW);
      case "click" -> Optional.of(CLICK);
      case "cart", "add_to_cart", "addtocart", "basket" -> Optional.of(CART);
      case "purchase", "buy", "order", "transaction", "checkout" -> Optional.of(PURCHASE);
      case "review", "rating", "rate" -> Optional.of(REVIEW);
      default -> Optional.empty();
    };
  }

  /**
   * {@code types} as an unmodifiable set that iterates in declaration order. {@code Set.copyOf}
   * iterates in an order that changes from one JVM to the next, so a set of types written to JSON
   * by two TaskManagers (or before and after a restart) would differ; output that must be
   * reproducible uses this.
   */
  public static java.util.Set<EventType> inOrder(java.util.Collection<EventType> types) {
    java.util.EnumSet<EventType> set = java.util.EnumSet.noneOf(EventType.class);
    set.addAll(types);
    return java.util.Collections.unmodifiableSet(set);
  }
}
