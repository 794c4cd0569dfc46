package io.reasonflow.reasons.realise;

/**
 * Shortens a catalogue title to the part that names the product: "OPI Nail Lacquer, Big Apple Red, 0.5 Fluid
 * Ounce" becomes "OPI Nail Lacquer". Cuts at the first separator that usually starts sizes or variants (comma,
 * " - ", "(", "|", ":", ";"), then keeps at most {@value #MAX_WORDS} words and {@value #MAX_CHARS} characters.
 */
public final class TitleShortener {
  static final int MAX_WORDS = 6;
  static final int MAX_CHARS = 48;
  private static final String[] SEPARATORS = {",", " - ", " (", "(", " | ", ":", ";", " / "};

  private TitleShortener() {}

  public static String shorten(String title) {
    String t = title.strip().replaceAll("\\s+", " ");
    String head = cutAtSeparator(t);
    String s = limitWords(head.isEmpty() ? t : head);
    s = stripTrailingPunctuation(s);
    return s.isEmpty() ? t : s;
  }

  private static String cutAtSeparator(String t) {
    int cut = t.length();
    for (String sep : SEPARATORS) {
      int i = t.indexOf(sep);
      if (i > 0 && i < cut) {
        cut = i;
      }
    }
    return t.substring(0, cut).strip();
  }

  private static String limitWords(String s) {
    String[] words = s.split(" ");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.length && i < MAX_WORDS; i++) {
      if (!out.isEmpty() && out.length() + 1 + words[i].length() > MAX_CHARS) {
        break;
      }
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(words[i]);
    }
    return out.length() > MAX_CHARS ? out.substring(0, MAX_CHARS) : out.toString();
  }

  private static String stripTrailingPunctuation(String s) {
    int end = s.length();
    while (end > 0 && "-,&/+.:;|".indexOf(s.charAt(end - 1)) >= 0 || end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    String out = s.substring(0, end);
    // a dangling connective ("Crabtree and") reads as a cut-off; drop it
    return out.endsWith(" and") ? out.substring(0, out.length() - 4) : out;
  }
}
