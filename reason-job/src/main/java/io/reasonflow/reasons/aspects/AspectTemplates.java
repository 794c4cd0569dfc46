package io.reasonflow.reasons.aspects;

import io.reasonflow.reasons.realise.ReasonLocale;
import java.util.List;

/**
 * The sentence shapes of review-aspect reasons, English and Chinese. As in {@code Templates}, no
 * digits and no names outside slots: every figure, aspect and item name is a claim the verifier
 * checks. Each names one of the shopper's items (the anchor the candidate was found through).
 */
final class AspectTemplates {
  record Shape(
      String id, boolean personal, boolean needsFigure, boolean needsShare, String en, String zh) {
    String skeleton(ReasonLocale locale) {
      return locale == ReasonLocale.EN ? en : zh;
    }
  }

  /** An aspect the shopper wrote about, praised by the candidate's reviewers. */
  static final List<Shape> PERSONAL =
      List.of(
          new Shape(
              "personal_aspect#1",
              true,
              false,
              false,
              "You wrote about the {USER_ASPECT} of the {ANCHOR} you {ACTION}; {ASPECT_COUNT} of"
                  + " this item's {ASPECT_OF} reviewers praise its {ASPECT}.",
              "您{ACTION}的 {ANCHOR}，您的评价提到了它的{USER_ASPECT}；这件商品的 {ASPECT_OF} 位评价者中有"
                  + " {ASPECT_COUNT} 位称赞它的{ASPECT}。"),
          new Shape(
              "personal_aspect#2",
              true,
              false,
              false,
              "When you {ACTION} the {ANCHOR}, you wrote about its {USER_ASPECT}; here"
                  + " {ASPECT_COUNT} of {ASPECT_OF} reviewers praise the {ASPECT}.",
              "您{ACTION}的 {ANCHOR}：您当时谈到了它的{USER_ASPECT}；这件商品有 {ASPECT_COUNT} 位评价者（共"
                  + " {ASPECT_OF} 位）称赞它的{ASPECT}。"));

  /** What the candidate's reviewers praise. */
  static final List<Shape> GENERAL =
      List.of(
          new Shape(
              "aspect_figure#1",
              false,
              true,
              false,
              "{COUNT} shoppers {CO_ACTION} both this and the {ANCHOR} you {ACTION}, and"
                  + " {ASPECT_COUNT} of its {ASPECT_OF} reviewers praise its {ASPECT}.",
              "有 {COUNT} 位顾客{CO_ACTION}这件和您{ACTION}的 {ANCHOR}；它的 {ASPECT_OF} 位评价者中有"
                  + " {ASPECT_COUNT} 位称赞它的{ASPECT}。"),
          new Shape(
              "aspect#1",
              false,
              false,
              false,
              "Reviewers praise its {ASPECT}: {ASPECT_COUNT} of {ASPECT_OF} say so. Picked after the"
                  + " {ANCHOR} you {ACTION}.",
              "它的{ASPECT}获得称赞：{ASPECT_OF} 位评价者中有 {ASPECT_COUNT} 位这样说。根据您{ACTION}的 {ANCHOR}"
                  + " 为您推荐。"),
          new Shape(
              "aspect_share#1",
              false,
              false,
              true,
              "Among its {ASPECT_OF} reviewers, {ASPECT_SHARE} praise its {ASPECT} ({ASPECT_COUNT}"
                  + " people); picked after the {ANCHOR} you {ACTION}.",
              "它的 {ASPECT_OF} 位评价者中{ASPECT_SHARE}称赞它的{ASPECT}（{ASPECT_COUNT} 人）；根据您{ACTION}的"
                  + " {ANCHOR} 为您推荐。"));

  private AspectTemplates() {}
}
