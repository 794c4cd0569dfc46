package io.reasonflow.reasons.verify;

import io.reasonflow.reasons.aspects.ReviewAspects;
import io.reasonflow.reasons.evidence.ProductType;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a name given to an item with no catalogue title by what its reviewers call it ("the capo
 * you reviewed"): recounted here from the raw review text, not from the lexicon matching that chose
 * the type. A reviewer calls the item by the type when their review has the type name's last word,
 * singular or plural, as a word ("capo", "capos"; "strings" for guitar strings); the name holds
 * when more than half of the item's reviewers with text do, and at least {@code minReviewers}.
 */
final class ReviewerNameCheck {
  private final ReviewAspects store;
  private final int minReviewers;

  ReviewerNameCheck(ReviewAspects store, int minReviewers) {
    this.store = store;
    this.minReviewers = minReviewers;
  }

  /** Null when most of the item's reviewers call it a {@code type}, else why not. */
  String check(String itemId, ProductType type) {
    String name = type.en();
    String head = name.substring(name.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
    String stem = head.endsWith("s") ? head.substring(0, head.length() - 1) : head;
    Pattern word = Pattern.compile("\\b" + Pattern.quote(stem) + "(?:s|es)?\\b");
    int reviewers = 0;
    int calling = 0;
    for (String id : store.reviewIds(itemId)) {
      reviewers++;
      String text = store.review(id).map(r -> r.text().toLowerCase(Locale.ROOT)).orElse("");
      if (word.matcher(text).find()) {
        calling++;
      }
    }
    if (calling < minReviewers || 2 * calling <= reviewers) {
      return "names the untitled item "
          + itemId
          + " a "
          + name
          + ", but "
          + calling
          + " of its "
          + reviewers
          + " reviewers say '"
          + head
          + "' (it needs more than half and at least "
          + minReviewers
          + ")";
    }
    return null;
  }
}
