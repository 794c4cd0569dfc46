package io.reasonflow.reasons.explain.decoder;

import io.reasonflow.reasons.decoder.Tokeniser;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits review sentences into the explainer's tokens: English into lower-cased words and
 * punctuation, Chinese into characters (runs of Latin letters and digits kept whole, they are model
 * names and figures), and then every claim phrase of the {@link ClaimLexicon} (longest first) into
 * one token. A claim is thus a single token, so the decoder is kept from writing an unsupported
 * aspect, product type or brand by masking single tokens, also in Chinese, where masking characters
 * would forbid every word sharing one.
 */
public final class ExplainerTokeniser {
  private static final Pattern EN = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}'’-]+|\\S");
  private static final Pattern ZH = Pattern.compile("[A-Za-z0-9.]+|\\S");

  private final ClaimLexicon claims;
  private final Tokeniser joiner;

  public ExplainerTokeniser(ClaimLexicon claims) {
    this.claims = claims;
    this.joiner = new Tokeniser(claims.locale(), Map.of());
  }

  public ClaimLexicon claims() {
    return claims;
  }

  public List<String> split(String sentence) {
    boolean en = claims.locale() == ReasonLocale.EN;
    List<String> basic = new ArrayList<>();
    Matcher m = (en ? EN : ZH).matcher(sentence.toLowerCase(Locale.ROOT));
    while (m.find()) {
      basic.add(m.group());
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < basic.size(); ) {
      int matched = 1;
      for (int len = Math.min(ClaimLexicon.MAX_PHRASE_TOKENS, basic.size() - i); len > 1; len--) {
        String phrase = String.join(en ? " " : "", basic.subList(i, i + len));
        if (claims.isPhrase(phrase)) {
          matched = len;
          break;
        }
      }
      out.add(String.join(en ? " " : "", basic.subList(i, i + matched)));
      i += matched;
    }
    return out;
  }

  /** The sentence the tokens spell, spaced by the locale's rule (en: words apart; zh-CN: none). */
  public String join(List<String> tokens) {
    return joiner.join(tokens);
  }
}
