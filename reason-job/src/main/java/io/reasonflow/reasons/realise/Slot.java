package io.reasonflow.reasons.realise;

/**
 * The placeholders of a delexicalised reason, written {@code {NAME}} in a skeleton. Only slots
 * carry names and figures; the words around them carry none, so a reason is true when its slot
 * values are.
 */
public enum Slot {
  /** The shopper's own recent item, shortened title. */
  ANCHOR,
  /** What the shopper did with the anchor ("reviewed"). */
  ACTION,
  /**
   * What the other shoppers in the data did with items ("reviewed"): the event types the data has.
   */
  CO_ACTION,
  /** Shoppers who had both the anchor and the candidate. */
  COUNT,
  /** That count as a share of the anchor's shoppers ("about 2 in 3"). */
  SHARE,
  /** A salient term in both titles. */
  TERM,
  /** A sentence on the candidate's popularity bucket. */
  POPULARITY,
  /**
   * The recommended item's product type ("conditioner", "护发素"); the decoder does not write it yet.
   */
  TYPE,
  /** The routine both items belong to ("hair", "护发"); the decoder does not write it yet. */
  ROUTINE,
  /** An aspect of the recommended item its reviewers praise ("tone", "音色"). */
  ASPECT,
  /** How many of the recommended item's reviewers praise {@link #ASPECT}. */
  ASPECT_COUNT,
  /** How many reviewers with text the recommended item has. */
  ASPECT_OF,
  /** {@link #ASPECT_COUNT} of {@link #ASPECT_OF} in words ("about 1 in 4"). */
  ASPECT_SHARE,
  /** An aspect the shopper wrote about in their own review of the anchor; said only to them. */
  USER_ASPECT,
  /**
   * A sentence on what the catalogue says of the recommended item: brand, category, specifications
   * its title states ("By D'Addario, listed under Acoustic Guitar Strings; phosphor bronze.").
   */
  ATTRIBUTE;

  public String token() {
    return "{" + name() + "}";
  }
}
