package io.reasonflow.reasons.realise;

/**
 * Chinese numerals for shares ("八分之一"): 1 to 9999 in characters, larger numbers in Arabic digits
 * (how Chinese text writes large figures anyway).
 */
public final class ChineseNumerals {
  private static final String DIGITS = "零一二三四五六七八九";
  private static final String[] UNITS = {"", "十", "百", "千"};

  private ChineseNumerals() {}

  public static String of(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative: " + n);
    }
    if (n == 0) {
      return "零";
    }
    if (n >= 10_000) {
      return Integer.toString(n);
    }
    if (n >= 10 && n < 20) { // 十二, not 一十二
      return "十" + (n == 10 ? "" : String.valueOf(DIGITS.charAt(n - 10)));
    }
    StringBuilder out = new StringBuilder();
    String s = Integer.toString(n);
    boolean pendingZero = false;
    for (int i = 0; i < s.length(); i++) {
      int d = s.charAt(i) - '0';
      int unit = s.length() - 1 - i;
      if (d == 0) {
        pendingZero = true;
        continue;
      }
      if (pendingZero && !out.isEmpty()) {
        out.append('零');
      }
      pendingZero = false;
      out.append(DIGITS.charAt(d)).append(UNITS[unit]);
    }
    return out.toString();
  }
}
