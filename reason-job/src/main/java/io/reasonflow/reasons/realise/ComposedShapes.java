package io.reasonflow.reasons.realise;

import io.reasonflow.reasons.realise.Templates.Fact;
import io.reasonflow.reasons.realise.Templates.Shape;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Figure sentences built from parts, so that reasons with the same claims do not all read alike: a
 * lead clause that makes the product claims (goes with, same brand, same type, same routine, or two
 * of them at once where both hold: "This conditioner is from the brand of the Suave shampoo you
 * reviewed and goes with it"), a joiner, a figure clause, and optionally the share. Every part's
 * wording rests on a {@link Fact}; the shape needs the union, so a sentence is offered only when
 * each of its claims holds, and the verifier re-checks each claim as for the hand-written shapes in
 * {@link Templates}. Leads with no product claim bring the anchor in ("Picked after the ... you
 * reviewed", "You reviewed the ...") and leave the claim to the figure. Also sentences with no
 * lead: the co-view figure said in other words. Parts never repeat a slot and carry no digits, as
 * every skeleton.
 */
final class ComposedShapes {
  private ComposedShapes() {}

  private record Part(String name, Set<Fact> needs, String en, String zh) {}

  private static Part part(String name, Set<Fact> needs, String en, String zh) {
    return new Part(name, needs, en, zh);
  }

  /** Lead clauses: each names the anchor and makes its product claims; the family they give. */
  private static final List<Part> LEADS =
      List.of(
          part(
              "complement_figure",
              EnumSet.of(Fact.COMPLEMENT),
              "Goes well with the {ANCHOR} you {ACTION}",
              "与您{ACTION}的 {ANCHOR} 很搭"),
          part(
              "complement_figure",
              EnumSet.of(Fact.COMPLEMENT, Fact.CANDIDATE_TYPE),
              "This {TYPE} goes with the {ANCHOR} you {ACTION}",
              "这款{TYPE}和您{ACTION}的 {ANCHOR} 很搭"),
          part(
              "brand_figure",
              EnumSet.of(Fact.SAME_BRAND),
              "Same brand as the {ANCHOR} you {ACTION}",
              "与您{ACTION}的 {ANCHOR} 同一品牌"),
          part(
              "brand_figure",
              EnumSet.of(Fact.SAME_BRAND, Fact.CANDIDATE_TYPE),
              "A {TYPE} from the brand of the {ANCHOR} you {ACTION}",
              "这款{TYPE}与您{ACTION}的 {ANCHOR} 出自同一品牌"),
          part(
              "same_type_figure",
              EnumSet.of(Fact.SAME_TYPE),
              "Another {TYPE}, like the {ANCHOR} you {ACTION}",
              "又一款{TYPE}，和您{ACTION}的 {ANCHOR} 同类"),
          part(
              "routine_figure",
              EnumSet.of(Fact.SAME_ROUTINE, Fact.CANDIDATE_TYPE),
              "This {TYPE} is for your {ROUTINE} routine, like the {ANCHOR} you {ACTION}",
              "这款{TYPE}和您{ACTION}的 {ANCHOR} 一样，都用于{ROUTINE}"),
          // two product claims in one clause, both verified
          part(
              "brand_figure",
              EnumSet.of(Fact.SAME_BRAND, Fact.COMPLEMENT),
              "From the brand of the {ANCHOR} you {ACTION}, and it goes with it",
              "与您{ACTION}的 {ANCHOR} 出自同一品牌，两件也很搭"),
          part(
              "brand_figure",
              EnumSet.of(Fact.SAME_BRAND, Fact.COMPLEMENT, Fact.CANDIDATE_TYPE),
              "This {TYPE} is from the brand of the {ANCHOR} you {ACTION} and goes with it",
              "这款{TYPE}与您{ACTION}的 {ANCHOR} 出自同一品牌，两件也很搭"),
          part(
              "brand_figure",
              EnumSet.of(Fact.SAME_BRAND, Fact.SAME_ROUTINE, Fact.CANDIDATE_TYPE),
              "A {TYPE} for your {ROUTINE} routine, from the brand of the {ANCHOR} you {ACTION}",
              "这款{TYPE}与您{ACTION}的 {ANCHOR} 同一品牌，也用于{ROUTINE}"),
          part(
              "brand_figure",
              EnumSet.of(Fact.SAME_BRAND, Fact.SAME_TYPE),
              "Another {TYPE} from the brand of the {ANCHOR} you {ACTION}",
              "又一款{TYPE}，与您{ACTION}的 {ANCHOR} 同一品牌"),
          // no product claim: the anchor brought in, the figure says the rest
          part(
              "coview_figure",
              EnumSet.noneOf(Fact.class),
              "Picked after the {ANCHOR} you {ACTION}",
              "根据您{ACTION}的 {ANCHOR} 为您推荐"),
          part(
              "coview_figure",
              EnumSet.noneOf(Fact.class),
              "Suggested since you {ACTION} the {ANCHOR}",
              "因为您{ACTION}那款 {ANCHOR}，为您推荐这件"),
          part(
              "coview_figure",
              EnumSet.noneOf(Fact.class),
              "You {ACTION} the {ANCHOR}",
              "您{ACTION}那款 {ANCHOR}"),
          part(
              "coview_figure",
              EnumSet.noneOf(Fact.class),
              "Picked for you after the {ANCHOR} you {ACTION}",
              "为您挑选这件，是因为您{ACTION}那款 {ANCHOR}"));

  /** How a lead runs on into the figure. */
  private static final List<String[]> JOINERS =
      List.of(new String[] {": ", "："}, new String[] {"; ", "，"});

  /**
   * Figure clauses after a lead (the anchor is already named), each with the share tail it may
   * take.
   */
  private static final List<String[]> FIGURES =
      List.of(
          new String[] {
            "{COUNT} shoppers {CO_ACTION} both",
            "有 {COUNT} 位顾客两件都{CO_ACTION}",
            " ({SHARE} of that item's shoppers)",
            "（占该商品顾客的{SHARE}）"
          },
          new String[] {
            "{COUNT} shoppers {CO_ACTION} the two together",
            "有 {COUNT} 位顾客同时{CO_ACTION}这两件",
            " ({SHARE} of that item's shoppers)",
            "（占该商品顾客的{SHARE}）"
          },
          new String[] {
            "{COUNT} of its shoppers also {CO_ACTION} this one",
            "它的顾客中有 {COUNT} 位也{CO_ACTION}这件",
            " ({SHARE})",
            "（{SHARE}）"
          },
          new String[] {
            "{COUNT} other shoppers {CO_ACTION} both",
            "另有 {COUNT} 位顾客两件都{CO_ACTION}",
            " ({SHARE} of that item's shoppers)",
            "（占该商品顾客的{SHARE}）"
          },
          new String[] {
            "{COUNT} of that item's shoppers {CO_ACTION} this one as well",
            "该商品的顾客里有 {COUNT} 位也{CO_ACTION}这件",
            " ({SHARE})",
            "（{SHARE}）"
          });

  /** Share-led figure clause: the share is the point, the count in brackets. */
  private static final String[] SHARE_FIRST = {
    "{SHARE} of its shoppers also {CO_ACTION} this ({COUNT} people)",
    "它的顾客中有{SHARE}也{CO_ACTION}这件（{COUNT} 人）"
  };

  /** The co-view figure with no product claim, in other words than {@link Templates}' four. */
  private static final List<String[]> PLAIN =
      List.of(
          new String[] {
            "Of the shoppers of the {ANCHOR} you {ACTION}, {COUNT} also {CO_ACTION} this one",
            "在您{ACTION}的 {ANCHOR} 的顾客中，有 {COUNT} 位也{CO_ACTION}这件",
            " ({SHARE})",
            "（{SHARE}）"
          },
          new String[] {
            "You {ACTION} the {ANCHOR}, and {COUNT} other shoppers {CO_ACTION} both it and this",
            "您{ACTION}那款 {ANCHOR}，另有 {COUNT} 位顾客两件都{CO_ACTION}",
            " ({SHARE} of its shoppers)",
            "（占该商品顾客的{SHARE}）"
          },
          new String[] {
            "{COUNT} shoppers {CO_ACTION} this as well as the {ANCHOR} you {ACTION}",
            "这件和您{ACTION}的 {ANCHOR}，有 {COUNT} 位顾客都{CO_ACTION}",
            " ({SHARE} of that item's shoppers)",
            "（占该商品顾客的{SHARE}）"
          });

  /** Every composed shape, ids {@code <family>#c<n>}, numbered in this fixed order. */
  static List<Shape> all() {
    List<Shape> out = new ArrayList<>();
    int n = 0;
    for (Part lead : LEADS) {
      Set<Fact> needs = EnumSet.of(Fact.FIGURE);
      needs.addAll(lead.needs());
      for (String[] j : JOINERS) {
        // a Chinese lead that already has a comma ("因为您评价过那款..., 为您推荐这件") takes the colon:
        // a second comma runs the sentence on
        String[] joiner = lead.zh().contains("，") ? new String[] {j[0], "："} : j;
        for (String[] f : FIGURES) {
          out.add(
              shape(
                  lead.name(),
                  ++n,
                  needs,
                  lead.en() + joiner[0] + f[0] + ".",
                  lead.zh() + joiner[1] + f[1] + "。"));
          out.add(
              shape(
                  lead.name(),
                  ++n,
                  needs,
                  lead.en() + joiner[0] + f[0] + f[2] + ".",
                  lead.zh() + joiner[1] + f[1] + f[3] + "。"));
        }
        out.add(
            shape(
                lead.name(),
                ++n,
                needs,
                lead.en() + joiner[0] + SHARE_FIRST[0] + ".",
                lead.zh() + joiner[1] + SHARE_FIRST[1] + "。"));
      }
    }
    for (String[] p : PLAIN) {
      out.add(shape("coview_figure", ++n, EnumSet.of(Fact.FIGURE), p[0] + ".", p[1] + "。"));
      out.add(
          shape(
              "coview_figure", ++n, EnumSet.of(Fact.FIGURE), p[0] + p[2] + ".", p[1] + p[3] + "。"));
    }
    return List.copyOf(out);
  }

  private static Shape shape(String family, int n, Set<Fact> needs, String en, String zh) {
    return new Shape(family + "#c" + n, family, Set.copyOf(needs), en, zh);
  }
}
