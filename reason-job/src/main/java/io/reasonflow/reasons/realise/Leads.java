package io.reasonflow.reasons.realise;

/**
 * The opening of a reason's skeleton, with the slots unfilled: read aloud, a list whose reasons
 * open the same way sounds like one sentence repeated even when the products differ, so a shopper's
 * list prefers an opening it has not used yet (the caller decides; this only says what counts as
 * the same opening).
 *
 * <p>In text with spaces the opening is the first word, or, where a slot follows it, the first
 * word, the slot and the next word: "Picked for you after the {ANCHOR}" and "Picked after the
 * {ANCHOR}" open alike ("Picked"), "This {TYPE} goes with" and "This {TYPE} is for your {ROUTINE}
 * routine" do not. In Chinese, which has no spaces, it is the first clause.
 */
public final class Leads {
  private Leads() {}

  /** The opening of {@code skeleton}, as above. */
  public static String of(String skeleton) {
    String clause = firstClause(skeleton);
    String[] words = clause.split(" +");
    if (words.length < 2) {
      return clause;
    }
    if (words[1].startsWith("{") && words.length > 2) {
      return words[0] + " " + words[1] + " " + words[2];
    }
    return words[0];
  }

  /** The skeleton up to its first comma, colon, semicolon, bracket or full stop (either script). */
  private static String firstClause(String skeleton) {
    for (int i = 0; i < skeleton.length(); i++) {
      switch (skeleton.charAt(i)) {
        case ',', ';', ':', '(', '，', '；', '：', '（', '。', '.' -> {
          return skeleton.substring(0, i).strip();
        }
        default -> {}
      }
    }
    return skeleton.strip();
  }
}
