package io.reasonflow.common.text;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes HTML character references in catalogue text: Amazon titles carry them raw
 * ("&amp;#9733;SALE!&amp;#9733;", "Cr&amp;egrave;me"), and a title shown to a shopper or escaped
 * again for a page must hold the characters, not the references. Numeric references (decimal and
 * hex) decode to their code point; named ones from the HTML 4 Latin-1, symbol and punctuation sets
 * that occur in product titles. An unknown name, a malformed reference or a code point that is not
 * a valid character is left as written: decoding never loses text.
 */
public final class HtmlEntities {
  private static final Pattern REF =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");
  private static final Map<String, Integer> NAMED =
      Map.ofEntries(
          Map.entry("amp", (int) '&'),
          Map.entry("lt", (int) '<'),
          Map.entry("gt", (int) '>'),
          Map.entry("quot", (int) '"'),
          Map.entry("apos", (int) '\''),
          Map.entry("nbsp", 0xA0),
          Map.entry("iexcl", 0xA1),
          Map.entry("cent", 0xA2),
          Map.entry("pound", 0xA3),
          Map.entry("euro", 0x20AC),
          Map.entry("yen", 0xA5),
          Map.entry("sect", 0xA7),
          Map.entry("copy", 0xA9),
          Map.entry("reg", 0xAE),
          Map.entry("trade", 0x2122),
          Map.entry("deg", 0xB0),
          Map.entry("plusmn", 0xB1),
          Map.entry("micro", 0xB5),
          Map.entry("para", 0xB6),
          Map.entry("middot", 0xB7),
          Map.entry("ordf", 0xAA),
          Map.entry("ordm", 0xBA),
          Map.entry("laquo", 0xAB),
          Map.entry("raquo", 0xBB),
          Map.entry("frac14", 0xBC),
          Map.entry("frac12", 0xBD),
          Map.entry("frac34", 0xBE),
          Map.entry("iquest", 0xBF),
          Map.entry("times", 0xD7),
          Map.entry("divide", 0xF7),
          Map.entry("Agrave", 0xC0),
          Map.entry("Aacute", 0xC1),
          Map.entry("Acirc", 0xC2),
          Map.entry("Atilde", 0xC3),
          Map.entry("Auml", 0xC4),
          Map.entry("Aring", 0xC5),
          Map.entry("AElig", 0xC6),
          Map.entry("Ccedil", 0xC7),
          Map.entry("Egrave", 0xC8),
          Map.entry("Eacute", 0xC9),
          Map.entry("Ecirc", 0xCA),
          Map.entry("Euml", 0xCB),
          Map.entry("Igrave", 0xCC),
          Map.entry("Iacute", 0xCD),
          Map.entry("Icirc", 0xCE),
          Map.entry("Iuml", 0xCF),
          Map.entry("Ntilde", 0xD1),
          Map.entry("Ograve", 0xD2),
          Map.entry("Oacute", 0xD3),
          Map.entry("Ocirc", 0xD4),
          Map.entry("Otilde", 0xD5),
          Map.entry("Ouml", 0xD6),
          Map.entry("Oslash", 0xD8),
          Map.entry("Ugrave", 0xD9),
          Map.entry("Uacute", 0xDA),
          Map.entry("Ucirc", 0xDB),
          Map.entry("Uuml", 0xDC),
          Map.entry("szlig", 0xDF),
          Map.entry("agrave", 0xE0),
          Map.entry("aacute", 0xE1),
          Map.entry("acirc", 0xE2),
          Map.entry("atilde", 0xE3),
          Map.entry("auml", 0xE4),
          Map.entry("aring", 0xE5),
          Map.entry("aelig", 0xE6),
          Map.entry("ccedil", 0xE7),
          Map.entry("egrave", 0xE8),
          Map.entry("eacute", 0xE9),
          Map.entry("ecirc", 0xEA),
          Map.entry("euml", 0xEB),
          Map.entry("igrave", 0xEC),
          Map.entry("iacute", 0xED),
          Map.entry("icirc", 0xEE),
          Map.entry("iuml", 0xEF),
          Map.entry("ntilde", 0xF1),
          Map.entry("ograve", 0xF2),
          Map.entry("oacute", 0xF3),
          Map.entry("ocirc", 0xF4),
          Map.entry("otilde", 0xF5),
          Map.entry("ouml", 0xF6),
          Map.entry("oslash", 0xF8),
          Map.entry("ugrave", 0xF9),
          Map.entry("uacute", 0xFA),
          Map.entry("ucirc", 0xFB),
          Map.entry("uuml", 0xFC),
          Map.entry("yuml", 0xFF),
          Map.entry("bull", 0x2022),
          Map.entry("hellip", 0x2026),
          Map.entry("ndash", 0x2013),
          Map.entry("mdash", 0x2014),
          Map.entry("lsquo", 0x2018),
          Map.entry("rsquo", 0x2019),
          Map.entry("ldquo", 0x201C),
          Map.entry("rdquo", 0x201D),
          Map.entry("hearts", 0x2665),
          Map.entry("spades", 0x2660),
          Map.entry("clubs", 0x2663),
          Map.entry("diams", 0x2666),
          Map.entry("star", 0x2606),
          Map.entry("larr", 0x2190),
          Map.entry("rarr", 0x2192));

  private HtmlEntities() {}

  /**
   * {@code text} with every character reference it can decode replaced by its character; null stays
   * null.
   */
  public static String decode(String text) {
    if (text == null || text.indexOf('&') < 0) {
      return text;
    }
    Matcher m = REF.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      int cp = codePoint(m.group(1));
      m.appendReplacement(
          out, Matcher.quoteReplacement(cp < 0 ? m.group() : Character.toString(cp)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static int codePoint(String ref) {
    if (ref.charAt(0) != '#') {
      return NAMED.getOrDefault(ref, -1);
    }
    boolean hex = ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X');
    int cp = Integer.parseInt(ref.substring(hex ? 2 : 1), hex ? 16 : 10);
    // Windows-1252 numeric references (&#153; for the trade mark sign) are common in scraped titles
    if (cp >= 0x80 && cp <= 0x9F) {
      cp =
          switch (cp) {
            case 0x80 -> 0x20AC;
            case 0x85 -> 0x2026;
            case 0x91 -> 0x2018;
            case 0x92 -> 0x2019;
            case 0x93 -> 0x201C;
            case 0x94 -> 0x201D;
            case 0x95 -> 0x2022;
            case 0x96 -> 0x2013;
            case 0x97 -> 0x2014;
            case 0x99 -> 0x2122;
            default -> -1;
          };
    }
    boolean valid = cp > 0 && Character.isValidCodePoint(cp) && !(cp >= 0xD800 && cp <= 0xDFFF);
    return valid ? cp : -1;
  }
}
