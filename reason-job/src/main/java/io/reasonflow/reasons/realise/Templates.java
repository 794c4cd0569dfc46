package io.reasonflow.reasons.realise;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The delexicalised reason templates: several sentence shapes per kind of claim, so consecutive
 * reasons do not all open alike. Skeletons carry no digits and no names: every figure, title and
 * product type comes from a slot, and every other thing the wording asserts (a relation, a shared
 * brand or type) is a claim the verifier checks. Chinese skeletons put spaces around slots that
 * usually hold Latin-script titles or digits, as Chinese typesetting does; {@link Lexicaliser}
 * drops a space left between two Chinese characters.
 */
public final class Templates {

  /**
   * What a shape's wording rests on; a shape is used only when the anchor has every fact it needs.
   */
  public enum Fact {
    /** A co-view figure that may be quoted. */
    FIGURE,
    /** The candidate is a COMPLEMENT of the anchor by their product types. */
    COMPLEMENT,
    /** The candidate's title names a product type. */
    CANDIDATE_TYPE,
    /** Both titles name the same product type. */
    SAME_TYPE,
    /**
     * Both titles name product types of one routine (hair, nails, skin, makeup, fragrance), not the
     * same type.
     */
    SAME_ROUTINE,
    /** Both titles start with the same brand. */
    SAME_BRAND,
    /** A salient term in both titles. */
    TERM,
    /** Vector similarity at or above the threshold. */
    SIMILAR
  }

  /**
   * One sentence shape.
   *
   * @param id stable id written with each reason, e.g. {@code coview_figure#2}
   * @param family the kind of claim it makes, the id's part before '#'
   * @param needs the facts the wording rests on
   */
  public record Shape(String id, String family, Set<Fact> needs, String en, String zh) {
    public String skeleton(ReasonLocale locale) {
      return locale == ReasonLocale.EN ? en : zh;
    }
  }

  private static Shape shape(String id, Set<Fact> needs, String en, String zh) {
    return new Shape(id, id.substring(0, id.indexOf('#')), needs, en, zh);
  }

  private static final String OF_ITS_SHOPPERS_EN = " ({SHARE} of that item's shoppers).";
  private static final String OF_ITS_SHOPPERS_ZH = "（占该商品顾客的{SHARE}）。";

  private static List<Shape> withComposed() {
    List<Shape> out = new java.util.ArrayList<>();
    for (Shape s : HAND_WRITTEN) {
      if (s.id().equals("type_pair#1")) {
        out.addAll(ComposedShapes.all());
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  private static final List<Shape> HAND_WRITTEN =
      List.of(
          shape(
              "complement_figure#1",
              EnumSet.of(Fact.FIGURE, Fact.COMPLEMENT),
              "Goes well with the {ANCHOR} you {ACTION}: {COUNT} shoppers {CO_ACTION} the two together"
                  + OF_ITS_SHOPPERS_EN,
              "与您{ACTION}的 {ANCHOR} 很搭：有 {COUNT} 位顾客两件都{CO_ACTION}" + OF_ITS_SHOPPERS_ZH),
          shape(
              "complement_figure#2",
              EnumSet.of(Fact.FIGURE, Fact.COMPLEMENT, Fact.CANDIDATE_TYPE),
              "This {TYPE} goes with the {ANCHOR} you {ACTION}: {COUNT} shoppers {CO_ACTION} both"
                  + OF_ITS_SHOPPERS_EN,
              "这款{TYPE}和您{ACTION}的 {ANCHOR} 很搭：有 {COUNT} 位顾客两件都{CO_ACTION}" + OF_ITS_SHOPPERS_ZH),
          shape(
              "complement_figure#3",
              EnumSet.of(Fact.FIGURE, Fact.COMPLEMENT),
              "Pairs with the {ANCHOR} you {ACTION}: {SHARE} of its shoppers also {CO_ACTION} this ({COUNT} people).",
              "可与您{ACTION}的 {ANCHOR} 搭配使用：该商品的顾客中有{SHARE}也{CO_ACTION}这件（{COUNT} 人）。"),
          shape(
              "coview_figure#1",
              EnumSet.of(Fact.FIGURE),
              "{COUNT} shoppers {CO_ACTION} both this and the {ANCHOR} you {ACTION}"
                  + OF_ITS_SHOPPERS_EN,
              "有 {COUNT} 位顾客{CO_ACTION}这件和您{ACTION}的 {ANCHOR}" + OF_ITS_SHOPPERS_ZH),
          shape(
              "coview_figure#2",
              EnumSet.of(Fact.FIGURE),
              "Among the shoppers of the {ANCHOR} you {ACTION}, {COUNT} also {CO_ACTION} this one ({SHARE}).",
              "您{ACTION}的 {ANCHOR} 的顾客中，有 {COUNT} 位也{CO_ACTION}这件（{SHARE}）。"),
          shape(
              "coview_figure#3",
              EnumSet.of(Fact.FIGURE),
              "You {ACTION} the {ANCHOR}; {COUNT} other shoppers {CO_ACTION} both it and this"
                  + OF_ITS_SHOPPERS_EN,
              "您{ACTION}那款 {ANCHOR}；另有 {COUNT} 位顾客两件都{CO_ACTION}" + OF_ITS_SHOPPERS_ZH),
          shape(
              "complement_figure#4",
              EnumSet.of(Fact.FIGURE, Fact.COMPLEMENT),
              "Goes well with the {ANCHOR} you {ACTION}; {COUNT} shoppers {CO_ACTION} the two together.",
              "与您{ACTION}的 {ANCHOR} 很搭，有 {COUNT} 位顾客两件都{CO_ACTION}。"),
          shape(
              "coview_figure#4",
              EnumSet.of(Fact.FIGURE),
              "{COUNT} other shoppers {CO_ACTION} both this and the {ANCHOR} you {ACTION}.",
              "另有 {COUNT} 位顾客{CO_ACTION}这件和您{ACTION}的 {ANCHOR}。"),
          shape(
              "brand_figure#1",
              EnumSet.of(Fact.FIGURE, Fact.SAME_BRAND),
              "Same brand as the {ANCHOR} you {ACTION}, and {COUNT} shoppers {CO_ACTION} both"
                  + OF_ITS_SHOPPERS_EN,
              "与您{ACTION}的 {ANCHOR} 同一品牌，有 {COUNT} 位顾客两件都{CO_ACTION}" + OF_ITS_SHOPPERS_ZH),
          shape(
              "same_type_figure#1",
              EnumSet.of(Fact.FIGURE, Fact.SAME_TYPE),
              "Another {TYPE}, like the {ANCHOR} you {ACTION}: {COUNT} shoppers {CO_ACTION} both"
                  + OF_ITS_SHOPPERS_EN,
              "又一款{TYPE}，和您{ACTION}的 {ANCHOR} 同类：有 {COUNT} 位顾客两件都{CO_ACTION}" + OF_ITS_SHOPPERS_ZH),
          shape(
              "brand_figure#2",
              EnumSet.of(Fact.FIGURE, Fact.SAME_BRAND),
              "From the brand of the {ANCHOR} you {ACTION}; {COUNT} shoppers {CO_ACTION} both.",
              "与您{ACTION}的 {ANCHOR} 出自同一品牌，有 {COUNT} 位顾客两件都{CO_ACTION}。"),
          shape(
              "same_type_figure#2",
              EnumSet.of(Fact.FIGURE, Fact.SAME_TYPE),
              "Another {TYPE}, like the {ANCHOR} you {ACTION}; {COUNT} shoppers {CO_ACTION} both.",
              "又一款{TYPE}，和您{ACTION}的 {ANCHOR} 同类，有 {COUNT} 位顾客两件都{CO_ACTION}。"),
          shape(
              "type_pair#1",
              EnumSet.of(Fact.COMPLEMENT, Fact.CANDIDATE_TYPE),
              "This {TYPE} goes with the {ANCHOR} you {ACTION}.",
              "这款{TYPE}和您{ACTION}的 {ANCHOR} 很搭。"),
          shape(
              "type_pair#2",
              EnumSet.of(Fact.COMPLEMENT, Fact.CANDIDATE_TYPE),
              "To go with the {ANCHOR} you {ACTION}: this {TYPE}.",
              "搭配您{ACTION}的 {ANCHOR}：这款{TYPE}。"),
          shape(
              "brand#1",
              EnumSet.of(Fact.SAME_BRAND),
              "Same brand as the {ANCHOR} you {ACTION}.",
              "与您{ACTION}的 {ANCHOR} 同一品牌。"),
          shape(
              "brand#2",
              EnumSet.of(Fact.SAME_BRAND, Fact.CANDIDATE_TYPE),
              "This {TYPE} is from the brand of the {ANCHOR} you {ACTION}.",
              "这款{TYPE}与您{ACTION}的 {ANCHOR} 出自同一品牌。"),
          shape(
              "same_type#1",
              EnumSet.of(Fact.SAME_TYPE),
              "Another {TYPE}, like the {ANCHOR} you {ACTION}.",
              "又一款{TYPE}，和您{ACTION}的 {ANCHOR} 同类。"),
          shape(
              "same_type#2",
              EnumSet.of(Fact.SAME_TYPE),
              "Like the {ANCHOR} you {ACTION}, another {TYPE} to try.",
              "和您{ACTION}的 {ANCHOR} 一样，也是一款{TYPE}。"),
          shape(
              "same_routine#1",
              EnumSet.of(Fact.SAME_ROUTINE, Fact.CANDIDATE_TYPE),
              "This {TYPE} is for your {ROUTINE} routine, like the {ANCHOR} you {ACTION}.",
              "这款{TYPE}和您{ACTION}的 {ANCHOR} 一样，都用于{ROUTINE}。"),
          shape(
              "same_routine#2",
              EnumSet.of(Fact.SAME_ROUTINE, Fact.CANDIDATE_TYPE),
              "For the {ROUTINE} routine of the {ANCHOR} you {ACTION}: this {TYPE}.",
              "您{ACTION}的 {ANCHOR} 属于{ROUTINE}，这款{TYPE}也是。"),
          shape(
              "shared_term#1",
              EnumSet.of(Fact.TERM),
              "Similar to the {ANCHOR} you {ACTION}: both titles mention \"{TERM}\".",
              "与您{ACTION}的 {ANCHOR} 相似：两者的商品名都含有“{TERM}”。"),
          shape(
              "similar#1",
              EnumSet.of(Fact.SIMILAR),
              "Picked because it is close to the {ANCHOR} you {ACTION}.",
              "与您{ACTION}的 {ANCHOR} 相近，为您推荐。"),
          // the same similarity claim in other words (issue 13, variety); "close" is the claim
          shape(
              "similar#2",
              EnumSet.of(Fact.SIMILAR),
              "Close to the {ANCHOR} you {ACTION}, so picked for you.",
              "和您{ACTION}的 {ANCHOR} 相近，所以推荐给您。"),
          shape(
              "similar#3",
              EnumSet.of(Fact.SIMILAR),
              "You {ACTION} the {ANCHOR}; this one is close to it.",
              "您{ACTION}那款 {ANCHOR}，这件与它相近。"),
          shape(
              "similar#4",
              EnumSet.of(Fact.SIMILAR),
              "Picked as an item close to the {ANCHOR} you {ACTION}.",
              "这件和您{ACTION}的 {ANCHOR} 很接近，推荐给您看看。"),
          shape(
              "from_recent#1",
              EnumSet.noneOf(Fact.class),
              "Picked from your recent items, such as the {ANCHOR} you {ACTION}.",
              "根据您最近的商品（例如您{ACTION}的 {ANCHOR}）为您推荐。"),
          shape(
              "from_recent#3",
              EnumSet.noneOf(Fact.class),
              "From your recent items: picked after the {ANCHOR} you {ACTION}.",
              "来自您最近的商品：根据您{ACTION}的 {ANCHOR} 挑选。"));

  /**
   * The reason when no anchor of the shopper's can be named ({@link SlotRenderer#nameable}): it
   * says which of the shopper's actions the pick comes from, not which item. Kept out of {@link
   * #SHAPES} (no fact supports it; the decoder's bank does not learn it).
   */
  public static final Shape FROM_RECENT_UNNAMED =
      shape(
          "from_recent#2",
          EnumSet.noneOf(Fact.class),
          "Picked from the items you {ACTION} recently.",
          "根据您最近{ACTION}的商品为您推荐。");

  /**
   * Every shape, strongest family first, the {@link ComposedShapes composed} figure sentences after
   * the hand-written ones; the realiser draws among those whose facts hold.
   */
  public static final List<Shape> SHAPES = withComposed();

  private static final String POPULARITY = " {POPULARITY}";

  private Templates() {}

  /** The first shape of a kind, as the decoder's bank and older outputs know the kinds. */
  public static String skeleton(TemplateKind kind, ReasonLocale locale) {
    if (kind == TemplateKind.POPULARITY) {
      return locale == ReasonLocale.EN ? POPULARITY : "{POPULARITY}";
    }
    String family = kind.name().toLowerCase(java.util.Locale.ROOT);
    return SHAPES.stream()
        .filter(s -> s.family().equals(family))
        .findFirst()
        .orElseThrow()
        .skeleton(locale);
  }

  /** The popularity sentence appended to a shape. */
  public static String popularitySkeleton(ReasonLocale locale) {
    return skeleton(TemplateKind.POPULARITY, locale);
  }

  /** The sentence on the catalogue's attributes that may follow a reason. */
  public static String attributeSkeleton(ReasonLocale locale) {
    return locale == ReasonLocale.EN ? " {ATTRIBUTE}" : "{ATTRIBUTE}";
  }

  /** The sentence on the catalogue's attributes where it opens a reason (issue 13). */
  public static String attributeLead(ReasonLocale locale) {
    return locale == ReasonLocale.EN ? "{ATTRIBUTE} " : "{ATTRIBUTE}";
  }

  /** A stable id for outputs, e.g. {@code coview_figure#2+popularity.zh-CN}. */
  public static String id(Shape shape, boolean withPopularity, ReasonLocale locale) {
    return shape.id() + (withPopularity ? "+popularity" : "") + "." + locale.tag();
  }

  /** The id the decoder writes for a kind, e.g. {@code coview_figure+popularity.en}. */
  public static String id(TemplateKind kind, boolean withPopularity, ReasonLocale locale) {
    return kind.name().toLowerCase(java.util.Locale.ROOT)
        + (withPopularity ? "+popularity" : "")
        + "."
        + locale.tag();
  }
}
