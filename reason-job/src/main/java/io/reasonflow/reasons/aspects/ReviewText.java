package io.reasonflow.reasons.aspects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Review text cut for aspect mining: sentences (at sentence punctuation or a line break), each cut
 * into clauses at contrast words ("but", "although", ";") so that "the tone is great but the tuners
 * slip" pairs "great" with the tone and not the tuners, each clause a list of lower-case word
 * tokens. Contractions stay one token ("doesn't"), as do hyphenated words ("well-made").
 */
public final class ReviewText {
  private static final Pattern SENTENCE =
      Pattern.compile("(?<=[.!?])\\s+|[\\r\\n]+|(?<=[.!?])(?=[A-Z])");
  private static final Pattern TOKEN =
      Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019-][\\p{L}\\p{N}]+)*|[;:,()]");

  /** Words that start a clause of their own. */
  static final Set<String> CONTRAST =
      Set.of("but", "however", "although", "though", "yet", "except", "whereas", "unfortunately");

  private ReviewText() {}

  /** A sentence: its text as written, and its clauses of tokens. */
  public record Sentence(String text, List<List<String>> clauses) {}

  public static List<Sentence> sentences(String review) {
    List<Sentence> out = new ArrayList<>();
    if (review == null) {
      return out;
    }
    for (String s : SENTENCE.split(review)) {
      String text = s.strip();
      if (!text.isEmpty()) {
        out.add(new Sentence(text, clauses(text)));
      }
    }
    return out;
  }

  static List<List<String>> clauses(String sentence) {
    List<List<String>> clauses = new ArrayList<>();
    List<String> current = new ArrayList<>();
    Matcher m = TOKEN.matcher(sentence.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
    while (m.find()) {
      String t = m.group();
      boolean breaks = t.equals(";") || t.equals(":") || t.equals("(") || t.equals(")");
      if (breaks || CONTRAST.contains(t)) {
        if (!current.isEmpty()) {
          clauses.add(current);
        }
        current = new ArrayList<>();
        if (!breaks) {
          current.add(t);
        }
      } else if (!t.equals(",")) {
        current.add(t);
      }
    }
    if (!current.isEmpty()) {
      clauses.add(current);
    }
    return clauses;
  }
}
