package io.reasonflow.reasons.realise;

import io.reasonflow.common.model.EventType;
import io.reasonflow.reasons.evidence.PopularityBucket;
import java.util.Locale;

/**
 * Turns slot values into words, per locale. The realiser and the verifier both render through here,
 * so the verifier can check that a slot's text is exactly what its claimed value renders to.
 *
 * @param bestSellerTopPercent the top share of items BEST_SELLER covers, in percent (it is quoted)
 * @param namer how items are named
 * @param dataActions the event types in the shoppers' data ({@link
 *     io.reasonflow.reasons.evidence.DataActions}), empty when unknown
 */
public record SlotRenderer(
    int bestSellerTopPercent, ItemNamer namer, java.util.Set<EventType> dataActions) {

  public SlotRenderer {
    dataActions = EventType.inOrder(dataActions); // one order in every JVM: this set is written out
  }

  /** A renderer naming items by their titles' clean heads only (no catalogue brand statistics). */
  public SlotRenderer(int bestSellerTopPercent) {
    this(bestSellerTopPercent, ItemNamer.titleOnly(), java.util.Set.of());
  }

  /** What the shoppers behind co-view figures did, in words, for this renderer's data. */
  public String coAction(ReasonLocale locale) {
    return coAction(dataActions, locale);
  }

  public String anchor(String title, ReasonLocale locale) {
    return namer.name(title, locale);
  }

  /**
   * Whether a reason can name the item ({@link ItemNamer#namesNothing}): not when its name would be
   * its id ("the item B0006VMBHI you reviewed") or the bare "item", which name nothing to a
   * shopper.
   */
  public boolean nameable(String title) {
    return !namer.namesNothing(title);
  }

  public String action(EventType type, ReasonLocale locale) {
    return switch (locale) {
      case EN ->
          switch (type) {
            case VIEW -> "viewed";
            case CLICK -> "clicked on";
            case CART -> "added to your cart";
            case PURCHASE -> "bought";
            case REVIEW -> "reviewed";
          };
      case ZH_CN ->
          switch (type) {
            case VIEW -> "浏览过";
            case CLICK -> "点击过";
            case CART -> "加入过购物车";
            case PURCHASE -> "购买过";
            case REVIEW -> "评价过";
          };
    };
  }

  /**
   * The action of the shoppers behind co-view figures: the data's event types as verbs, joined by
   * "or" ("viewed or bought"); "chose" / "选择过" when the data's types are not known (a stream with
   * no profile snapshot).
   */
  public String coAction(java.util.Set<EventType> actions, ReasonLocale locale) {
    if (actions.isEmpty()) {
      return locale == ReasonLocale.EN ? "chose" : "选择过";
    }
    java.util.List<String> verbs = new java.util.ArrayList<>();
    for (EventType t : EventType.values()) {
      if (actions.contains(t)) {
        String v = othersAction(t, locale);
        verbs.add(locale == ReasonLocale.ZH_CN && actions.size() > 1 ? v.replaceAll("过$", "") : v);
      }
    }
    if (locale == ReasonLocale.ZH_CN) {
      return String.join("或", verbs) + (actions.size() > 1 ? "过" : "");
    }
    return verbs.size() == 1
        ? verbs.get(0)
        : String.join(", ", verbs.subList(0, verbs.size() - 1))
            + " or "
            + verbs.get(verbs.size() - 1);
  }

  private static String othersAction(EventType type, ReasonLocale locale) {
    return switch (locale) {
      case EN ->
          switch (type) {
            case VIEW -> "viewed";
            case CLICK -> "clicked on";
            case CART -> "carted";
            case PURCHASE -> "bought";
            case REVIEW -> "reviewed";
          };
      case ZH_CN ->
          switch (type) {
            case VIEW -> "浏览过";
            case CLICK -> "点击过";
            case CART -> "加购过";
            case PURCHASE -> "购买过";
            case REVIEW -> "评价过";
          };
    };
  }

  /** A product type's name in the reason's language. */
  public String type(io.reasonflow.reasons.evidence.ProductType type, ReasonLocale locale) {
    if (locale == ReasonLocale.ZH_CN) {
      return type.zh();
    }
    // the sentences say "this {TYPE} goes with", "another {TYPE}": plural type names need a
    // singular head
    return switch (type.en()) {
      case "cotton pads" -> "pack of cotton pads";
      case "wipes" -> "pack of wipes";
      case "false eyelashes" -> "set of false eyelashes";
      case "tweezers" -> "pair of tweezers";
      case "bath salts" -> "bath salt";
      case "guitar strings",
          "bass strings",
          "ukulele strings",
          "banjo strings",
          "mandolin strings" ->
          "set of " + type.en();
      case "guitar picks" -> "pack of guitar picks";
      case "headphones" -> "pair of headphones";
      case "drumsticks" -> "pair of drumsticks";
      case "strap locks", "tuning pegs", "bridge pins", "knobs" -> "set of " + type.en();
      default -> type.en();
    };
  }

  /** A routine (a product type's domain) in words: "hair" / "护发", "skin-care" / "护肤", ... */
  /**
   * Whether {@code domain} is a routine a reason may name ("other" and the instruments lexicon's
   * single domain are not: a capo and a tuner share no routine a shopper would recognise).
   */
  public boolean hasRoutine(String domain) {
    return java.util.Set.of("hair", "nails", "skin", "makeup", "fragrance").contains(domain);
  }

  public String routine(String domain, ReasonLocale locale) {
    boolean zh = locale == ReasonLocale.ZH_CN;
    return switch (domain) {
      case "hair" -> zh ? "护发" : "hair";
      case "nails" -> zh ? "美甲" : "nail";
      case "skin" -> zh ? "护肤" : "skin-care";
      case "makeup" -> zh ? "彩妆" : "make-up";
      case "fragrance" -> zh ? "香氛" : "fragrance";
      default -> throw new IllegalArgumentException("no routine is called " + domain);
    };
  }

  public String count(int count) {
    return Integer.toString(count);
  }

  /** {@code count} of {@code of} in words: see {@link SharePhrases}. */
  public String share(int count, int of, ReasonLocale locale) {
    return SharePhrases.phrase(count, of, locale);
  }

  /**
   * The term as the candidate's title spells it ("OPI", not "opi"), so it reads as the shopper will
   * see it.
   */
  public String term(String term, String candidateTitle) {
    for (String word : candidateTitle.split("[^\\p{L}\\p{N}]+")) {
      if (word.toLowerCase(Locale.ROOT).equals(term)) {
        return word;
      }
    }
    return term;
  }

  public String popularity(PopularityBucket bucket, ReasonLocale locale) {
    return switch (locale) {
      case EN ->
          switch (bucket) {
            case BEST_SELLER -> "It is among the " + bestSellerTopPercent + "% most popular items.";
            case POPULAR -> "It is more popular than most items.";
            case HIDDEN_GEM -> "A hidden gem: fewer shoppers have found it than most items.";
          };
      case ZH_CN ->
          switch (bucket) {
            case BEST_SELLER -> "它是最受欢迎的前 " + bestSellerTopPercent + "% 商品之一。";
            case POPULAR -> "它比大多数商品更受欢迎。";
            case HIDDEN_GEM -> "小众好物：发现它的顾客比大多数商品少。";
          };
    };
  }

  /** zh-CN names of the materials {@link io.reasonflow.reasons.evidence.Attributes} reads. */
  private static final java.util.Map<String, String> MATERIALS_ZH =
      java.util.Map.ofEntries(
          java.util.Map.entry("phosphor bronze", "磷青铜"),
          java.util.Map.entry("80/20 bronze", "80/20 青铜"),
          java.util.Map.entry("nickel wound", "镍缠绕"),
          java.util.Map.entry("nickel plated", "镀镍"),
          java.util.Map.entry("pure nickel", "纯镍"),
          java.util.Map.entry("stainless steel", "不锈钢"),
          java.util.Map.entry("flatwound", "平缠绕"),
          java.util.Map.entry("nylon", "尼龙"),
          java.util.Map.entry("coated", "覆膜"),
          java.util.Map.entry("celluloid", "赛璐珞"),
          java.util.Map.entry("tortex", "Tortex"),
          java.util.Map.entry("leather", "皮革"),
          java.util.Map.entry("tweed", "花呢"));

  /**
   * The catalogue's attributes of the recommended item as a sentence: "By D'Addario, listed under
   * Acoustic Guitar Strings; phosphor bronze, 12-53 gauge." / "品牌：D'Addario；类目：Acoustic Guitar
   * Strings；规格：磷青铜、12-53 粗细。"
   */
  public String attributes(
      String brand, String category, java.util.List<String> specs, ReasonLocale locale) {
    boolean zh = locale == ReasonLocale.ZH_CN;
    java.util.List<String> said = new java.util.ArrayList<>();
    for (String spec : specs) {
      int colon = spec.indexOf(':');
      String kind = spec.substring(0, colon);
      String v = spec.substring(colon + 1);
      said.add(
          switch (kind) {
            case "material" -> zh ? MATERIALS_ZH.getOrDefault(v, v) : v;
            case "gauge" -> zh ? v + " 粗细" : v + " gauge";
            case "pack" -> zh ? v + " 件装" : "pack of " + v;
            case "length" -> zh ? v + " 英尺" : v + " ft";
            default -> throw new IllegalArgumentException("unknown attribute " + spec);
          });
    }
    StringBuilder sb = new StringBuilder();
    if (zh) {
      java.util.List<String> parts = new java.util.ArrayList<>();
      if (brand != null) {
        parts.add("品牌：" + brand);
      }
      if (category != null) {
        parts.add("类目：" + category);
      }
      if (!said.isEmpty()) {
        parts.add("规格：" + String.join("、", said));
      }
      return String.join("；", parts) + "。";
    }
    if (brand != null) {
      sb.append("By ").append(brand);
    }
    if (category != null) {
      sb.append(sb.isEmpty() ? "Listed under " : ", listed under ").append(category);
    }
    if (!said.isEmpty()) {
      sb.append(sb.isEmpty() ? "Its listing says: " : "; ").append(String.join(", ", said));
    }
    return sb.append('.').toString();
  }
}
