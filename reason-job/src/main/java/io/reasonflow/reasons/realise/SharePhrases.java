package io.reasonflow.reasons.realise;

import java.util.List;

/**
 * Words for a proportion of an item's shoppers, as people say them, chosen so that a reader's
 * reading of them holds: "all" only for every one, "nearly all" from 90%, then the first of the
 * fractions people use ({@link #FRACTIONS}: "half", "a third", "two thirds", "a quarter", "three
 * quarters", "k in 5", "1 in N", "3 in 10", "7 in 10") that the proportion is, else the first it is
 * close to ("about a third", within {@value #ABOUT} of it), else the first it is just under or over
 * ("nearly 3 in 10", "over a quarter", within {@value #NEAR}); then "about 1 in N" for small
 * shares, else "about X%". "about 2 in 7" is never said: 2 in 7 is "nearly 3 in 10". What each
 * phrase means is fixed independently in {@code verify.SharePhraseMeaning}, which the verifier
 * checks against the raw counts.
 */
public final class SharePhrases {
  static final double NEARLY_ALL = 0.9;

  /** Relative distance from a fraction within which the proportion is "about" it. */
  static final double ABOUT = 0.04;

  /** Relative distance under or over a fraction within which it is "nearly" or "over" it. */
  static final double NEAR = 0.12;

  static final int MAX_DENOMINATOR = 10;

  private static final double EPSILON = 1e-9;

  /** A fraction and its words. */
  private record Fraction(int k, int n, String en, String zh) {}

  /** The fractions people say, the simplest first: the first that fits is used. */
  private static final List<Fraction> FRACTIONS = fractions();

  private static List<Fraction> fractions() {
    List<Fraction> out = new java.util.ArrayList<>();
    out.add(new Fraction(1, 2, "half", "一半"));
    out.add(new Fraction(1, 3, "a third", "三分之一"));
    out.add(new Fraction(2, 3, "two thirds", "三分之二"));
    out.add(new Fraction(1, 4, "a quarter", "四分之一"));
    out.add(new Fraction(3, 4, "three quarters", "四分之三"));
    for (int k = 1; k <= 4; k++) {
      out.add(new Fraction(k, 5, k + " in 5", "五分之" + ChineseNumerals.of(k)));
    }
    for (int n = 6; n <= MAX_DENOMINATOR; n++) {
      out.add(new Fraction(1, n, "1 in " + n, ChineseNumerals.of(n) + "分之一"));
    }
    out.add(new Fraction(3, 10, "3 in 10", "十分之三"));
    out.add(new Fraction(7, 10, "7 in 10", "十分之七"));
    return List.copyOf(out);
  }

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
    for (Fraction f : FRACTIONS) {
      if ((long) count * f.n() == (long) of * f.k()) {
        return zh ? f.zh() : f.en(); // an exact fraction before any near one: 3 in 10, not
        // "nearly a third"
      }
    }
    // any fraction the proportion is about, before one it is only near: 65 of 108 (60.2%) is
    // "about 3 in 5", not "nearly two thirds", though two thirds is the simpler fraction
    for (Fraction f : FRACTIONS) {
      // a hair's breadth over the bounds is rounding: 12 of 100 is 4% under 1 in 8, exactly
      if (Math.abs(distance(p, f)) <= ABOUT + EPSILON) {
        return (zh ? "约" : "about ") + (zh ? f.zh() : f.en());
      }
    }
    for (Fraction f : FRACTIONS) {
      double d = distance(p, f);
      if (d < 0 && d >= -NEAR - EPSILON) {
        return (zh ? "将近" : "nearly ") + (zh ? f.zh() : f.en());
      }
      if (d > 0 && d <= NEAR + EPSILON) {
        return (zh ? "超过" : "over ") + (zh ? f.zh() : f.en());
      }
    }
    long n = Math.round(1 / p);
    if (n > MAX_DENOMINATOR && Math.abs(p - 1.0 / n) <= 0.1 / n) {
      String words = zh ? ChineseNumerals.of((int) n) + "分之一" : "1 in " + n;
      return (long) count * n == of ? words : (zh ? "约" : "about ") + words;
    }
    long percent = Math.round(100 * p);
    return zh ? "约" + percent + "%" : "about " + percent + "%";
  }

  /** How far {@code p} is from {@code f}, relative to {@code f}: negative under it. */
  private static double distance(double p, Fraction f) {
    double q = (double) f.k() / f.n();
    return (p - q) / q;
  }
}
