package io.reasonflow.reasons.realise;

import java.util.List;

/**
 * A reason as written, with what it claims.
 *
 * @param text the reason shown to the shopper
 * @param skeleton the text with slots in place of values
 * @param templateId which template (or decoder) produced the skeleton
 * @param locale the language
 * @param realiser {@code template}, or the decoder's name
 * @param claims every statement the text makes, slot values included
 */
public record RealisedReason(
    String text,
    String skeleton,
    String templateId,
    ReasonLocale locale,
    String realiser,
    List<Claim> claims) {
  public RealisedReason {
    claims = List.copyOf(claims);
  }
}
