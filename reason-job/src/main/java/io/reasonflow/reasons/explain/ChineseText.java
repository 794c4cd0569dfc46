package io.reasonflow.reasons.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Chinese review text cut for mining: sentences at sentence punctuation (。！？；… and their ASCII
 * forms, line breaks), clauses at commas and other pauses. Chinese has no spaces, so the tokens the
 * metrics use are characters ({@link #characters}).
 */
public final class ChineseText {
  private static final Pattern SENTENCE = Pattern.compile("[。！？!?；;\\r\\n…～~]+");
  private static final Pattern CLAUSE = Pattern.compile("[，,、：:（）()\\s“”\"]+");

  private ChineseText() {}

  public static List<String> sentences(String review) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE.split(review)) {
      String t = s.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  public static List<String> clauses(String sentence) {
    List<String> out = new ArrayList<>();
    for (String c : CLAUSE.split(sentence)) {
      if (!c.isBlank()) {
        out.add(c.strip());
      }
    }
    return out;
  }

  /** The sentence's characters, punctuation and spaces left out, Latin letters lower case. */
  public static List<String> characters(String sentence) {
    List<String> out = new ArrayList<>();
    sentence
        .codePoints()
        .filter(Character::isLetterOrDigit)
        .forEach(cp -> out.add(new String(Character.toChars(Character.toLowerCase(cp)))));
    return out;
  }
}
