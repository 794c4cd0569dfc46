package io.reasonflow.reasons.realise;

/**
 * Words for a proportion of an item's shoppers, chosen so that a reader's reading of them holds:
 * "all" only for every one, "nearly all" from 90%, then the simplest fraction k in N (N up to 10)
 * within 10% of the proportion ("about 2 in 3" for 88 of 131), then "about 1 in N" for small
 * shares, else "about X%". What each phrase means is fixed independently in {@code
 * verify.SharePhraseMeaning}, which the verifier checks against the raw counts.
 */
public final class SharePhrases {
  static final double NEARLY_ALL = 0.9;
  static final double TOLERANCE = 0.1;
  static final int MAX_DENOMINATOR = 10;

  private SharePhrases() {}

  public static String phrase(int count, int of, ReasonLocale locale) {
    if (count <= 0 || count > of) {
      throw new IllegalArgumentException(
          "a share needs 0 < count <= of, got " + count + " of " + of);
    }
    boolean zh = locale == ReasonLocale.ZH_CN;
    if (count == of) {
      return zh ? "全部" : "all";
    }
    double p = (double) count / of;
    if (p >= NEARLY_ALL) {
      return zh ? "几乎全部" : "nearly all";
    }
    for (int n = 2; n <= MAX_DENOMINATOR; n++) {
      for (int k = 1; k < n; k++) {
        if (gcd(k, n) != 1) {
          continue;
        }
        double f = (double) k / n;
        if ((long) count * n == (long) of * k) {
          return fraction(k, n, false, zh);
        }
        if (Math.abs(p - f) <= TOLERANCE * f) {
          return fraction(k, n, true, zh);
        }
      }
    }
    long n = Math.round(1 / p);
    if (n > MAX_DENOMINATOR && Math.abs(p - 1.0 / n) <= TOLERANCE / n) {
      return fraction(1, (int) n, (long) count * n != of, zh);
    }
    long percent = Math.round(100 * p);
    return zh ? "约" + percent + "%" : "about " + percent + "%";
  }

  private static String fraction(int k, int n, boolean about, boolean zh) {
    if (zh) {
      return (about ? "约" : "") + ChineseNumerals.of(n) + "分之" + ChineseNumerals.of(k);
    }
    return (about ? "about " : "") + k + " in " + n;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
