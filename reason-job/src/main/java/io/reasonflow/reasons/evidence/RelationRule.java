package io.reasonflow.reasons.evidence;

import io.reasonflow.common.model.VectorMath;
import java.util.Optional;

/**
 * Decides {@link Relation} from what the two products are, so the verifier can recompute it from
 * the titles:
 *
 * <ol>
 *   <li>SUBSTITUTE when both titles name a product type ({@link ProductTypes}), it is the same
 *       type, and both name the same role within it or neither names one ({@link TypeRoles}): two
 *       shampoos, two nail polishes; not a day cream for a night cream, a powder brush for a blush
 *       brush, a top coat for a colour, a lash glue for lashes (then no relation is claimed);
 *   <li>COMPLEMENT when both name a type, the types differ, {@link TypePairs} lists them in one
 *       routine of application steps (cleanse, tone, treat, moisturise; base coat, colour, top
 *       coat), and at least one shopper had both items in one session (a conditioner with a
 *       shampoo, a top coat with a nail polish; never a razor with a face serum, though both are
 *       "skin", nor a body butter with a foot cream), and neither title sells several products
 *       together ("... combo set + 3 removers"). Co-viewing alone never makes a complement:
 *       shoppers co-review a hair colour and a body lotion often enough;
 *   <li>otherwise RELATED, which no reason words as a relation: a title whose type is unknown says
 *       nothing a relation claim could rest on.
 * </ol>
 *
 * The earlier rule (salient-term overlap, or item2vec cosine at least 0.9, meant SUBSTITUTE) called
 * a whey protein powder a substitute for a leave-in cream: cosines among co-reviewed items are
 * 0.97-0.99. It stays here as {@link #legacy} for the evaluation against the labelled pairs
 * (docs/benchmarks.md), and nowhere else.
 */
public record RelationRule(ProductTypes types, TypePairs pairs, TypeRoles roles) {

  /** The rule over a lexicon with the shipped routines. */
  public RelationRule(ProductTypes types) {
    this(types, TypePairs.shipped());
  }

  /** The rule over a lexicon and routines, with the roles shipped for that lexicon. */
  public RelationRule(ProductTypes types, TypePairs pairs) {
    this(types, pairs, TypeRoles.forTypes(types));
  }

  /**
   * The rule over the lexicon that fits the catalogue ({@link ProductTypes#forCatalogue}), with its
   * routines (none but beauty's).
   */
  public static RelationRule forCatalogue(java.util.Collection<String> titles) {
    ProductTypes types = ProductTypes.forCatalogue(titles);
    return new RelationRule(types, TypePairs.forTypes(types));
  }

  /** As {@link #forCatalogue(java.util.Collection)} over the catalogue's display names. */
  public static RelationRule forCatalogue(ItemCatalog catalog) {
    ProductTypes types = ProductTypes.forCatalogue(catalog);
    return new RelationRule(types, TypePairs.forTypes(types));
  }

  public Relation classify(String titleA, String titleB, int coViewCount) {
    Optional<ProductType> a = types.typeOf(titleA);
    Optional<ProductType> b = types.typeOf(titleB);
    if (a.isEmpty() || b.isEmpty()) {
      return Relation.RELATED;
    }
    if (a.get().equals(b.get())) {
      // a night cream does not replace a day cream, nor a blush brush a powder brush; one named
      // role against none is not known to be the same job
      return roles.sameRole(titleA, titleB, a.get()) ? Relation.SUBSTITUTE : Relation.RELATED;
    }
    if (bundle(titleA) || bundle(titleB)) {
      return Relation.RELATED; // a set of several products ("50 piece nail lacquer combo set + 3
      // removers") is no one kind of product that another goes with
    }
    return pairs.together(a.get(), b.get()) && coViewCount > 0
        ? Relation.COMPLEMENT
        : Relation.RELATED;
  }

  private static final java.util.regex.Pattern BUNDLE =
      java.util.regex.Pattern.compile("(?i)\\bcombo\\b|\\bsets?\\s*\\+");

  /**
   * Whether the title sells several products together: a combo, a set plus more ("Vitamin C + E" is
   * one serum, so a bare "+" is not enough).
   */
  static boolean bundle(String title) {
    return BUNDLE.matcher(title).find();
  }

  /** How the verdict was reached, for the evidence's provenance. */
  public String describe() {
    return "SUBSTITUTE if both titles name the same product type and role, COMPLEMENT if they name different types used in "
        + "one routine and are co-viewed, else RELATED ("
        + types.resource()
        + (types == ProductTypes.shipped()
            ? ", beauty-routines.tsv, beauty-roles.tsv)"
            : ", no routines)");
  }

  /**
   * The rule before issue 13, for the evaluation only: term Jaccard >= 0.25 or cosine >= 0.9 meant
   * SUBSTITUTE.
   */
  public static Relation legacy(
      TitleTerms terms,
      String titleA,
      float[] vectorA,
      String titleB,
      float[] vectorB,
      int coViewCount) {
    if (terms.overlap(titleA, titleB) >= 0.25 || VectorMath.cosine(vectorA, vectorB) >= 0.9) {
      return Relation.SUBSTITUTE;
    }
    return coViewCount > 0 ? Relation.COMPLEMENT : Relation.RELATED;
  }
}
