package io.reasonflow.reasons.realise;

import io.reasonflow.common.model.EventType;
import io.reasonflow.reasons.evidence.PopularityBucket;
import java.util.Locale;

/**
 * Turns slot values into words, per locale. The realiser and the verifier both render through here, so the
 * verifier can check that a slot's text is exactly what its claimed value renders to.
 *
 * @param bestSellerTopPercent the top share of items BEST_SELLER covers, in percent (it is quoted)
 * @param namer how items are named
 */
public record SlotRenderer(int bestSellerTopPercent, ItemNamer namer) {

  /** A renderer naming items by their titles' clean heads only (no catalogue brand statistics). */
  public SlotRenderer(int bestSellerTopPercent) {
    this(bestSellerTopPercent, ItemNamer.titleOnly());
  }

  public String anchor(String title, ReasonLocale locale) {
    return namer.name(title, locale);
  }

  public String action(EventType type, ReasonLocale locale) {
    return switch (locale) {
      case EN -> switch (type) {
        case VIEW -> "viewed";
        case CLICK -> "clicked on";
        case CART -> "added to your cart";
        case PURCHASE -> "bought";
        case REVIEW -> "reviewed";
      };
      case ZH_CN -> switch (type) {
        case VIEW -> "浏览过";
        case CLICK -> "点击过";
        case CART -> "加入过购物车";
        case PURCHASE -> "购买过";
        case REVIEW -> "评价过";
      };
    };
  }

  public String count(int count) {
    return Integer.toString(count);
  }

  public String share(int denominator, boolean exact, ReasonLocale locale) {
    return switch (locale) {
      case EN -> denominator == 1 ? (exact ? "every one" : "nearly every one")
          : (exact ? "" : "about ") + "1 in " + denominator;
      case ZH_CN -> denominator == 1 ? (exact ? "全部" : "几乎全部")
          : (exact ? "" : "约") + ChineseNumerals.of(denominator) + "分之一";
    };
  }

  /** The term as the candidate's title spells it ("OPI", not "opi"), so it reads as the shopper will see it. */
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
      case EN -> switch (bucket) {
        case BEST_SELLER -> "It is among the " + bestSellerTopPercent + "% most popular items.";
        case POPULAR -> "It is more popular than most items.";
        case HIDDEN_GEM -> "A hidden gem: fewer shoppers have found it than most items.";
      };
      case ZH_CN -> switch (bucket) {
        case BEST_SELLER -> "它是最受欢迎的前 " + bestSellerTopPercent + "% 商品之一。";
        case POPULAR -> "它比大多数商品更受欢迎。";
        case HIDDEN_GEM -> "小众好物：发现它的顾客比大多数商品少。";
      };
    };
  }
}
