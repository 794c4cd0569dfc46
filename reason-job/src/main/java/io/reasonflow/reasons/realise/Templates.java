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
      "Goes well with the {ANCHOR} you {ACTION}: {COUNT} shoppers who looked at it also looked at this ({SHARE}).",
      TemplateKind.COVIEW_FIGURE,
      "Shoppers who looked at the {ANCHOR} you {ACTION} also looked at this: {COUNT} of them ({SHARE}).",
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
      "与您{ACTION}的 {ANCHOR} 很搭：看过它的顾客中有 {COUNT} 位也看过这件（{SHARE}）。",
      TemplateKind.COVIEW_FIGURE,
      "看过您{ACTION}的 {ANCHOR} 的顾客中，有 {COUNT} 位也看过这件（{SHARE}）。",
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
