package io.reasonflow.reasons.realise;

import java.util.EnumMap;
import java.util.Map;

/**
 * The delexicalised reason templates. Skeletons carry no digits and no names: every figure and title comes from a
 * slot, so the verifier can check a reason by checking its slots. Chinese skeletons put spaces around slots that
 * usually hold Latin-script titles or digits, as Chinese typesetting does.
 */
public final class Templates {
  private static final Map<TemplateKind, String> EN = new EnumMap<>(Map.of(
      TemplateKind.COMPLEMENT_FIGURE,
      "Goes well with the {ANCHOR} you {ACTION}: {COUNT} shoppers {CO_ACTION} the two together ({SHARE} of its "
          + "shoppers).",
      TemplateKind.COVIEW_FIGURE,
      "{COUNT} shoppers {CO_ACTION} both this and the {ANCHOR} you {ACTION} ({SHARE} of its shoppers).",
      TemplateKind.SHARED_TERM,
      "Similar to the {ANCHOR} you {ACTION}: both titles mention \"{TERM}\".",
      TemplateKind.SIMILAR,
      "Picked because it is close to the {ANCHOR} you {ACTION}.",
      TemplateKind.FROM_RECENT,
      "Picked from your recent items, such as the {ANCHOR} you {ACTION}.",
      TemplateKind.POPULARITY,
      " {POPULARITY}"));

  private static final Map<TemplateKind, String> ZH = new EnumMap<>(Map.of(
      TemplateKind.COMPLEMENT_FIGURE,
      "与您{ACTION}的 {ANCHOR} 很搭：有 {COUNT} 位顾客两件都{CO_ACTION}（占它的顾客的{SHARE}）。",
      TemplateKind.COVIEW_FIGURE,
      "有 {COUNT} 位顾客{CO_ACTION}这件和您{ACTION}的 {ANCHOR}（占它的顾客的{SHARE}）。",
      TemplateKind.SHARED_TERM,
      "与您{ACTION}的 {ANCHOR} 相似：两者的商品名都含有“{TERM}”。",
      TemplateKind.SIMILAR,
      "与您{ACTION}的 {ANCHOR} 相近，为您推荐。",
      TemplateKind.FROM_RECENT,
      "根据您最近的商品（例如您{ACTION}的 {ANCHOR}）为您推荐。",
      TemplateKind.POPULARITY,
      "{POPULARITY}"));

  private Templates() {}

  public static String skeleton(TemplateKind kind, ReasonLocale locale) {
    return (locale == ReasonLocale.EN ? EN : ZH).get(kind);
  }

  /** A stable id for outputs, e.g. {@code coview_figure+popularity.zh-CN}. */
  public static String id(TemplateKind kind, boolean withPopularity, ReasonLocale locale) {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + (withPopularity ? "+popularity" : "") + "."
        + locale.tag();
  }
}
