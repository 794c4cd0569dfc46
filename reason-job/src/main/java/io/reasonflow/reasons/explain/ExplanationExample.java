package io.reasonflow.reasons.explain;

import java.util.List;
import java.util.Objects;

/**
 * One review sentence as an example of explanation generation, PETER's task (Li et al., 2021):
 * given the shopper, the item and the evidence the sentence expresses, write the sentence. The
 * reference is what the shopper really wrote; the evidence is what a generator may say.
 *
 * @param reviewId the review the sentence comes from; splits are drawn by review, so no review has
 *     sentences on both sides of a split
 * @param userId who wrote it, or "" where the data has no shoppers (zh-shopping-reviews)
 * @param itemId the item reviewed; for data without items, the product category
 * @param rating the review's stars 1-5, or 0 when unknown
 * @param sentence the reference sentence, as written
 * @param features the aspects the sentence expresses (PETER's "feature"), as aspect keys
 * @param opinions the opinion words the sentence attaches to those aspects, same order
 * @param productType the item's product type in the locale's words, or "" when unknown
 * @param attributes the item's attributes a sentence may name (brand, category leaf, ...)
 * @param neighbours the retrieved neighbours the generator is conditioned on: the item's nearest
 *     items and the shopper's anchor items, each with what is known about it from training data
 * @param split which part of the data the example belongs to
 */
public record ExplanationExample(
    String reviewId,
    String userId,
    String itemId,
    int rating,
    String sentence,
    List<String> features,
    List<String> opinions,
    String productType,
    List<String> attributes,
    List<Neighbour> neighbours,
    Split split) {

  public ExplanationExample {
    Objects.requireNonNull(reviewId, "reviewId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(sentence, "sentence");
    Objects.requireNonNull(productType, "productType");
    Objects.requireNonNull(split, "split");
    features = List.copyOf(features);
    opinions = List.copyOf(opinions);
    attributes = List.copyOf(attributes);
    neighbours = List.copyOf(neighbours);
  }

  /** Which part of the data an example belongs to: 80/10/10 by review, as PETER splits. */
  public enum Split {
    TRAIN,
    VALIDATION,
    TEST
  }

  /** Why a neighbour is in the input. */
  public enum Role {
    /** One of the item's nearest items in the index (or by co-occurrence where there is none). */
    ITEM_NEIGHBOUR,
    /** An item the shopper reviewed before (training data only). */
    SHOPPER_ANCHOR
  }

  /**
   * A retrieved neighbour as the generator sees it; everything here comes from training data.
   *
   * @param itemId the neighbour
   * @param role why it was retrieved
   * @param productType its product type, or "" when unknown
   * @param attributes its attributes (brand, category leaf, ...)
   * @param aspects the aspects its reviewers write about most, most written first
   */
  public record Neighbour(
      String itemId, Role role, String productType, List<String> attributes, List<String> aspects) {
    public Neighbour {
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(productType, "productType");
      attributes = List.copyOf(attributes);
      aspects = List.copyOf(aspects);
    }
  }
}
