package io.reasonflow.reasons;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a name a reason gives an item ends where no one would stop speaking: on a function word
 * ("the Anti Aging Serum Vitamin C from"), a number or a size, an HTML character reference, an open
 * bracket or quote, or punctuation. For {@code eval-reasons}; written apart from the namer so that
 * it can catch what the namer misses.
 */
final class DanglingNames {
  private DanglingNames() {}

  private static final Set<String> FUNCTION_WORDS =
      Set.of(
          "a", "an", "the", "of", "and", "or", "for", "with", "by", "from", "in", "on", "to", "at",
          "as", "w", "&", "+", "-", "/", "plus", "is", "your", "our", "its", "that", "this");
  private static final Pattern ENTITY = Pattern.compile("&#?\\w+;|&amp;|\\\\t");
  private static final Pattern NUMBER = Pattern.compile("\\d+([.,/]\\d+)?(oz|ml|g|fl|ct|pcs)?");

  static boolean dangles(String name) {
    String n = name.strip();
    if (n.isEmpty() || ENTITY.matcher(n).find()) {
      return true;
    }
    if (!balanced(n, '(', ')') || !balanced(n, '[', ']') || count(n, '"') % 2 != 0) {
      return true;
    }
    char last = n.charAt(n.length() - 1);
    if (",;:-/+&(".indexOf(last) >= 0) {
      return true;
    }
    List<String> words = List.of(n.toLowerCase(Locale.ROOT).split("\\s+"));
    String w = words.get(words.size() - 1);
    return FUNCTION_WORDS.contains(w) || NUMBER.matcher(w).matches();
  }

  private static int count(String s, char c) {
    return (int) s.chars().filter(x -> x == c).count();
  }

  private static boolean balanced(String s, char open, char close) {
    return count(s, open) == count(s, close);
  }
}
