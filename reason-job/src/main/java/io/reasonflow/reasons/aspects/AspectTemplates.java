package io.reasonflow.reasons.aspects;

import io.reasonflow.reasons.realise.ReasonLocale;
import java.util.ArrayList;
import java.util.List;

/**
 * The sentence shapes of review-aspect reasons, English and Chinese. As in {@code Templates}, no
 * digits and no names outside slots: every figure, aspect and item name is a claim the verifier
 * checks. Each names one of the shopper's items (the anchor the candidate was found through).
 *
 * <p>Beside the hand-written shapes, shapes composed from parts (ids {@code <family>#c<n>}), so
 * that reasons with the same claims do not all read alike: which clause leads (what reviewers
 * praise, or the shopper's own item), how the praise figure is said ("7 of its 34 reviewers", "its
 * tone is praised by 7 of its 34 reviewers", "about 1 in 5 of its 34 reviewers"), how the anchor is
 * brought in ("picked after", "suggested since you reviewed", "you reviewed the ..."), and the
 * joiner. Every part says only what the shape's claims say: the praise clauses the aspect, its
 * count and the number of reviewers (and the share where the shape claims one), the anchor clauses
 * that the shopper had the anchor and that the pick came from it. Where the anchor is named first,
 * the praise clause names the recommended item ("this item's", "this one's"), so "its" never points
 * at the anchor.
 */
final class AspectTemplates {
  record Shape(
      String id, boolean personal, boolean needsFigure, boolean needsShare, String en, String zh) {
    String skeleton(ReasonLocale locale) {
      return locale == ReasonLocale.EN ? en : zh;
    }
  }

  /** A clause in both languages; {@code share}: it says {@code {ASPECT_SHARE}}. */
  private record Part(String en, String zh, boolean share) {}

  private static Part p(String en, String zh) {
    return new Part(en, zh, false);
  }

  private static Part s(String en, String zh) {
    return new Part(en, zh, true);
  }

  /**
   * The words for praise: English active and passive, Chinese verb and the noun after "得到了 ... 的".
   * Each says what {@code AspectCountClaim} says, that the reviewers judge the aspect favourably.
   */
  private static final List<String[]> VERBS =
      List.of(
          new String[] {"praise", "praised", "称赞", "称赞"},
          new String[] {"like", "liked", "喜欢", "好评"},
          new String[] {"commend", "commended", "夸赞", "夸赞"});

  /** Each praise clause in each of the words for praise. */
  private static List<Part> withVerbs(List<Part> parts) {
    List<Part> out = new ArrayList<>();
    for (String[] v : VERBS) {
      for (Part x : parts) {
        out.add(
            new Part(
                x.en().replace("<vp>", v[1]).replace("<v>", v[0]),
                x.zh().replace("<vn>", v[3]).replace("<v>", v[2]),
                x.share()));
      }
    }
    return List.copyOf(out);
  }

  /** What the recommended item's reviewers praise, opening a sentence about it ("its"). */
  private static final List<Part> PRAISE_FIRST =
      withVerbs(
          List.of(
              p(
                  "{ASPECT_COUNT} of its {ASPECT_OF} reviewers <v> its {ASPECT}",
                  "它的 {ASPECT_OF} 位评价者中有 {ASPECT_COUNT} 位<v>它的{ASPECT}"),
              p(
                  "Its {ASPECT} is <vp> by {ASPECT_COUNT} of its {ASPECT_OF} reviewers",
                  "它的{ASPECT}得到了 {ASPECT_OF} 位评价者中 {ASPECT_COUNT} 位的<vn>"),
              p(
                  "Among its {ASPECT_OF} reviewers, {ASPECT_COUNT} <v> its {ASPECT}",
                  "在它的 {ASPECT_OF} 位评价者中，{ASPECT_COUNT} 位<v>它的{ASPECT}"),
              p(
                  "{ASPECT_COUNT} reviewers out of {ASPECT_OF} <v> its {ASPECT}",
                  "共 {ASPECT_OF} 位评价者，其中 {ASPECT_COUNT} 位<v>它的{ASPECT}"),
              s(
                  "Its {ASPECT} is <vp> by {ASPECT_SHARE} of its {ASPECT_OF} reviewers"
                      + " ({ASPECT_COUNT} people)",
                  "它的{ASPECT}受到{ASPECT_SHARE}评价者的<vn>（{ASPECT_OF} 位中的 {ASPECT_COUNT} 位）"),
              s(
                  "{ASPECT_COUNT} of its {ASPECT_OF} reviewers, {ASPECT_SHARE}, <v> its {ASPECT}",
                  "{ASPECT_OF} 位评价者里有 {ASPECT_COUNT} 位<v>它的{ASPECT}，占{ASPECT_SHARE}")));

  /**
   * What the recommended item's reviewers praise, after the anchor is named: the item is named
   * again ("this item's") so "its" cannot point at the anchor. Lower case; capitalised after a full
   * stop.
   */
  private static final List<Part> PRAISE_AFTER =
      withVerbs(
          List.of(
              p(
                  "{ASPECT_COUNT} of this item's {ASPECT_OF} reviewers <v> its {ASPECT}",
                  "这件商品的 {ASPECT_OF} 位评价者中有 {ASPECT_COUNT} 位<v>它的{ASPECT}"),
              p(
                  "this one's {ASPECT} is <vp> by {ASPECT_COUNT} of its {ASPECT_OF} reviewers",
                  "这件的{ASPECT}得到了 {ASPECT_OF} 位评价者中 {ASPECT_COUNT} 位的<vn>"),
              p(
                  "{ASPECT_COUNT} of the {ASPECT_OF} people who reviewed this one <v> its {ASPECT}",
                  "评价这件商品的 {ASPECT_OF} 人里，有 {ASPECT_COUNT} 人<v>它的{ASPECT}"),
              p(
                  "reviewers of this one <v> its {ASPECT} ({ASPECT_COUNT} of {ASPECT_OF})",
                  "这件商品的评价者<v>它的{ASPECT}（{ASPECT_OF} 位中有 {ASPECT_COUNT} 位）"),
              s(
                  "{ASPECT_SHARE} of this item's {ASPECT_OF} reviewers <v> its {ASPECT}"
                      + " ({ASPECT_COUNT} people)",
                  "这件商品的 {ASPECT_OF} 位评价者中{ASPECT_SHARE}<v>它的{ASPECT}（{ASPECT_COUNT} 人）"),
              s(
                  "this one's {ASPECT} is <vp> by {ASPECT_SHARE} of its reviewers, {ASPECT_COUNT}"
                      + " of {ASPECT_OF}",
                  "这件的{ASPECT}受到{ASPECT_SHARE}评价者的<vn>，{ASPECT_OF} 位中有 {ASPECT_COUNT} 位")));

  /** The anchor after the praise: where the pick came from. Each begins with its joiner. */
  private static final List<Part> ANCHOR_AFTER =
      List.of(
          p("; picked after the {ANCHOR} you {ACTION}.", "；根据您{ACTION}的 {ANCHOR} 为您推荐。"),
          p(". Picked after the {ANCHOR} you {ACTION}.", "。根据您{ACTION}的 {ANCHOR} 为您推荐。"),
          p("; suggested because you {ACTION} the {ANCHOR}.", "；推荐它，是因为您{ACTION}那款 {ANCHOR}。"),
          p(". Suggested because you {ACTION} the {ANCHOR}.", "。您{ACTION}那款 {ANCHOR}，所以为您推荐这件。"),
          p("; a pick for you after the {ANCHOR} you {ACTION}.", "；这是根据您{ACTION}的 {ANCHOR} 为您挑的。"),
          p(
              ". It was picked for you after the {ANCHOR} you {ACTION}.",
              "。它是根据您{ACTION}的 {ANCHOR} 为您挑选的。"));

  /** The anchor first, then the praise; each ends with its joiner. */
  private static final List<Part> ANCHOR_FIRST =
      List.of(
          p("Picked after the {ANCHOR} you {ACTION}: ", "根据您{ACTION}的 {ANCHOR} 为您推荐："),
          p("Suggested since you {ACTION} the {ANCHOR}: ", "因为您{ACTION}那款 {ANCHOR}，为您推荐这件："),
          p("You {ACTION} the {ANCHOR}. ", "您{ACTION}那款 {ANCHOR}。"),
          p("You {ACTION} the {ANCHOR}; ", "您{ACTION}那款 {ANCHOR}；"));

  /** What the shopper wrote about their own item; each ends before its joiner. */
  private static final List<Part> OWN =
      List.of(
          p(
              "You wrote about the {USER_ASPECT} of the {ANCHOR} you {ACTION}",
              "您{ACTION}的 {ANCHOR}，您的评价提到了它的{USER_ASPECT}"),
          p(
              "When you {ACTION} the {ANCHOR}, you wrote about its {USER_ASPECT}",
              "您{ACTION}的 {ANCHOR}：您当时谈到了它的{USER_ASPECT}"),
          p(
              "You {ACTION} the {ANCHOR} and wrote about its {USER_ASPECT}",
              "您{ACTION}那款 {ANCHOR}，还写到了它的{USER_ASPECT}"),
          p(
              "The {ANCHOR} you {ACTION}: you wrote about its {USER_ASPECT}",
              "关于您{ACTION}的 {ANCHOR}，您写到了它的{USER_ASPECT}"));

  /** The co-view figure with the anchor, opening a sentence; each ends before its joiner. */
  private static final List<Part> FIGURE_FIRST =
      List.of(
          p(
              "{COUNT} shoppers {CO_ACTION} both this and the {ANCHOR} you {ACTION}",
              "有 {COUNT} 位顾客{CO_ACTION}这件和您{ACTION}的 {ANCHOR}"),
          p(
              "Of the shoppers of the {ANCHOR} you {ACTION}, {COUNT} also {CO_ACTION} this one",
              "在您{ACTION}的 {ANCHOR} 的顾客中，有 {COUNT} 位也{CO_ACTION}这件"),
          p(
              "You {ACTION} the {ANCHOR}, and {COUNT} other shoppers {CO_ACTION} both it and this",
              "您{ACTION}那款 {ANCHOR}，另有 {COUNT} 位顾客两件都{CO_ACTION}"));

  /** The co-view figure with the anchor after the praise; each begins with its joiner. */
  private static final List<Part> FIGURE_AFTER =
      List.of(
          p(
              "; {COUNT} shoppers {CO_ACTION} both it and the {ANCHOR} you {ACTION}.",
              "；有 {COUNT} 位顾客同时{CO_ACTION}它和您{ACTION}的 {ANCHOR}。"),
          p(
              ". Of the shoppers of the {ANCHOR} you {ACTION}, {COUNT} also {CO_ACTION} it.",
              "。您{ACTION}的 {ANCHOR} 的顾客中，有 {COUNT} 位也{CO_ACTION}它。"));

  /** How two clauses join: English and Chinese, and whether the next clause starts a sentence. */
  private record Joiner(String en, String zh, boolean newSentence) {}

  private static final List<Joiner> JOINERS =
      List.of(new Joiner("; ", "；", false), new Joiner(". ", "。", true));

  /** An aspect the shopper wrote about, praised by the candidate's reviewers. */
  static final List<Shape> PERSONAL = personal();

  /** What the candidate's reviewers praise. */
  static final List<Shape> GENERAL = general();

  private static List<Shape> personal() {
    List<Shape> out = new ArrayList<>();
    out.add(
        new Shape(
            "personal_aspect#1",
            true,
            false,
            false,
            "You wrote about the {USER_ASPECT} of the {ANCHOR} you {ACTION}; {ASPECT_COUNT} of"
                + " this item's {ASPECT_OF} reviewers praise its {ASPECT}.",
            "您{ACTION}的 {ANCHOR}，您的评价提到了它的{USER_ASPECT}；这件商品的 {ASPECT_OF} 位评价者中有"
                + " {ASPECT_COUNT} 位称赞它的{ASPECT}。"));
    out.add(
        new Shape(
            "personal_aspect#2",
            true,
            false,
            false,
            "When you {ACTION} the {ANCHOR}, you wrote about its {USER_ASPECT}; here"
                + " {ASPECT_COUNT} of {ASPECT_OF} reviewers praise the {ASPECT}.",
            "您{ACTION}的 {ANCHOR}：您当时谈到了它的{USER_ASPECT}；这件商品有 {ASPECT_COUNT} 位评价者（共"
                + " {ASPECT_OF} 位）称赞它的{ASPECT}。"));
    int n = 0;
    for (Part own : OWN) {
      for (Joiner j : JOINERS) {
        for (Part praise : PRAISE_AFTER) {
          if (sentence(praise.en(), j.newSentence()) == null) {
            continue;
          }
          out.add(
              new Shape(
                  "personal_aspect#c" + ++n,
                  true,
                  false,
                  praise.share(),
                  own.en() + j.en() + sentence(praise.en(), j.newSentence()) + ".",
                  own.zh() + j.zh() + praise.zh() + "。"));
        }
      }
    }
    return List.copyOf(out);
  }

  private static List<Shape> general() {
    List<Shape> out = new ArrayList<>();
    out.add(
        new Shape(
            "aspect_figure#1",
            false,
            true,
            false,
            "{COUNT} shoppers {CO_ACTION} both this and the {ANCHOR} you {ACTION}, and"
                + " {ASPECT_COUNT} of its {ASPECT_OF} reviewers praise its {ASPECT}.",
            "有 {COUNT} 位顾客{CO_ACTION}这件和您{ACTION}的 {ANCHOR}；它的 {ASPECT_OF} 位评价者中有"
                + " {ASPECT_COUNT} 位称赞它的{ASPECT}。"));
    out.add(
        new Shape(
            "aspect#1",
            false,
            false,
            false,
            "Reviewers praise its {ASPECT}: {ASPECT_COUNT} of {ASPECT_OF} say so. Picked after the"
                + " {ANCHOR} you {ACTION}.",
            "它的{ASPECT}获得称赞：{ASPECT_OF} 位评价者中有 {ASPECT_COUNT} 位这样说。根据您{ACTION}的 {ANCHOR}"
                + " 为您推荐。"));
    out.add(
        new Shape(
            "aspect_share#1",
            false,
            false,
            true,
            "Among its {ASPECT_OF} reviewers, {ASPECT_SHARE} praise its {ASPECT} ({ASPECT_COUNT}"
                + " people); picked after the {ANCHOR} you {ACTION}.",
            "它的 {ASPECT_OF} 位评价者中{ASPECT_SHARE}称赞它的{ASPECT}（{ASPECT_COUNT} 人）；根据您{ACTION}的"
                + " {ANCHOR} 为您推荐。"));
    int[] n = {0, 0, 0};
    // the praise first, the anchor after
    for (Part praise : PRAISE_FIRST) {
      for (Part anchor : ANCHOR_AFTER) {
        out.add(
            praise.share()
                ? new Shape(
                    "aspect_share#c" + ++n[1],
                    false,
                    false,
                    true,
                    praise.en() + anchor.en(),
                    praise.zh() + anchor.zh())
                : new Shape(
                    "aspect#c" + ++n[0],
                    false,
                    false,
                    false,
                    praise.en() + anchor.en(),
                    praise.zh() + anchor.zh()));
      }
    }
    // the anchor first, the praise after
    for (Part anchor : ANCHOR_FIRST) {
      boolean newSentence = anchor.en().endsWith(". ");
      for (Part praise : PRAISE_AFTER) {
        if (sentence(praise.en(), newSentence) == null) {
          continue;
        }
        String en = anchor.en() + sentence(praise.en(), newSentence) + ".";
        String zh = anchor.zh() + praise.zh() + "。";
        out.add(
            praise.share()
                ? new Shape("aspect_share#c" + ++n[1], false, false, true, en, zh)
                : new Shape("aspect#c" + ++n[0], false, false, false, en, zh));
      }
    }
    // with the co-view figure: the figure first, or the praise first
    for (Part figure : FIGURE_FIRST) {
      for (Joiner j : JOINERS) {
        for (Part praise : PRAISE_AFTER) {
          if (sentence(praise.en(), j.newSentence()) == null) {
            continue;
          }
          out.add(
              new Shape(
                  "aspect_figure#c" + ++n[2],
                  false,
                  true,
                  praise.share(),
                  figure.en() + j.en() + sentence(praise.en(), j.newSentence()) + ".",
                  figure.zh() + j.zh() + praise.zh() + "。"));
        }
      }
    }
    for (Part praise : PRAISE_FIRST) {
      for (Part figure : FIGURE_AFTER) {
        out.add(
            new Shape(
                "aspect_figure#c" + ++n[2],
                false,
                true,
                praise.share(),
                praise.en() + figure.en(),
                praise.zh() + figure.zh()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * The clause as it reads after a full stop (capitalised) or inside a sentence; null where it
   * would open a sentence with a share's lower-case words ("about 1 in 5 of ..."), which a slot
   * cannot capitalise.
   */
  private static String sentence(String clause, boolean newSentence) {
    if (newSentence && clause.startsWith("{ASPECT_SHARE}")) {
      return null;
    }
    return newSentence && Character.isLowerCase(clause.charAt(0))
        ? Character.toUpperCase(clause.charAt(0)) + clause.substring(1)
        : clause;
  }

  private AspectTemplates() {}
}
