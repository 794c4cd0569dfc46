package io.reasonflow.reasons.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokens every metric scores: lower-case words for English (punctuation dropped, contractions
 * and hyphenated words one token, as {@code aspects.ReviewText} cuts them), characters for Chinese
 * (no word segmenter is a dependency; character BLEU/ROUGE is the usual choice for Chinese text).
 */
public final class ExplanationTokens {
  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019-][\\p{L}\\p{N}]+)*");

  private ExplanationTokens() {}

  public static List<String> of(String sentence, boolean chinese) {
    if (chinese) {
      return ChineseText.characters(sentence);
    }
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(sentence.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** Tokens joined back into a comparable string: by spaces for English, directly for Chinese. */
  public static String join(List<String> tokens, boolean chinese) {
    return String.join(chinese ? "" : " ", tokens);
  }
}
