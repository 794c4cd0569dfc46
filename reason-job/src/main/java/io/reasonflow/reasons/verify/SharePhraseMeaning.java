package io.reasonflow.reasons.verify;

import io.reasonflow.reasons.realise.ReasonLocale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a share phrase asserts, read from its words alone (never from the realiser's arithmetic), as
 * a test on the raw counts:
 *
 * <ul>
 *   <li>"all" / 全部: every one ({@code count == of});
 *   <li>"nearly all" / 几乎全部: at least 90% and not all;
 *   <li>a fraction F, said as "half", "a third", "two thirds", "a quarter", "three quarters", "k in
 *       N" / 一半, N分之k: exactly F;
 *   <li>"about F" / 约F: within 20% of F either way ("about 1 in 2" is 40% to 60%);
 *   <li>"nearly F" / 将近F: under F, by at most 20% of F ("nearly a third" is 26.7% to 33.3%);
 *   <li>"over F" / 超过F: over F, by at most 20% of F ("over a quarter" is 25% to 30%);
 *   <li>"about X%" / 约X%: within one percentage point of X%.
 * </ul>
 *
 * A phrase this does not know asserts something unchecked, so it is rejected.
 */
public final class SharePhraseMeaning {
  static final double NEARLY_ALL = 0.9;
  static final double ABOUT = 0.2;
  private static final Pattern EN_QUALIFIED = Pattern.compile("(about |nearly |over )?(.+)");
  private static final Pattern EN_FRACTION = Pattern.compile("(\\d+) in (\\d+)");
  private static final Pattern EN_PERCENT = Pattern.compile("about (\\d+)%");
  private static final Pattern ZH_QUALIFIED = Pattern.compile("(约|将近|超过)?(.+)");
  private static final Pattern ZH_FRACTION =
      Pattern.compile("([零一二三四五六七八九十百千\\d]+)分之([零一二三四五六七八九十百千\\d]+)");
  private static final Pattern ZH_PERCENT = Pattern.compile("约(\\d+)%");
  private static final Map<String, double[]> EN_WORDS =
      Map.of(
          "half", new double[] {1, 2},
          "a half", new double[] {1, 2},
          "a third", new double[] {1, 3},
          "one third", new double[] {1, 3},
          "two thirds", new double[] {2, 3},
          "a quarter", new double[] {1, 4},
          "one quarter", new double[] {1, 4},
          "three quarters", new double[] {3, 4});

  private SharePhraseMeaning() {}

  /** Null when {@code phrase} holds for {@code count} of {@code of}; otherwise why it does not. */
  public static String check(String phrase, int count, int of, ReasonLocale locale) {
    if (of <= 0 || count <= 0 || count > of) {
      return "no share of " + count + " in " + of + " can be quoted";
    }
    double p = (double) count / of;
    String what = count + " of " + of + " (" + Math.round(1000 * p) / 10.0 + "%)";
    String s = phrase.strip();
    boolean zh = locale == ReasonLocale.ZH_CN;
    if (s.equals(zh ? "全部" : "all")) {
      return count == of ? null : "says all, but it is " + what;
    }
    if (s.equals(zh ? "几乎全部" : "nearly all")) {
      return p >= NEARLY_ALL && count < of
          ? null
          : "says nearly all (90% or more, not all), but it is " + what;
    }
    Matcher pc = (zh ? ZH_PERCENT : EN_PERCENT).matcher(s);
    if (pc.matches()) {
      int x = Integer.parseInt(pc.group(1));
      return Math.abs(100 * p - x) <= 1 ? null : "says about " + x + "%, but it is " + what;
    }
    Matcher q = (zh ? ZH_QUALIFIED : EN_QUALIFIED).matcher(s);
    if (!q.matches()) {
      return "'" + s + "' is not a share phrase the verifier knows the meaning of";
    }
    String qualifier = q.group(1) == null ? "" : q.group(1).strip();
    Optional<int[]> fraction = zh ? zhFraction(q.group(2)) : enFraction(q.group(2));
    if (fraction.isEmpty()) {
      return "'" + s + "' is not a share phrase the verifier knows the meaning of";
    }
    int k = fraction.get()[0];
    int n = fraction.get()[1];
    if (n == 0 || k == 0 || k > n) {
      return "'" + s + "' is not a proportion";
    }
    double target = (double) k / n;
    boolean exact = (long) count * n == (long) of * k;
    String meaning;
    boolean holds;
    switch (qualifier) {
      case "about", "约" -> {
        holds = Math.abs(p - target) <= ABOUT * target;
        meaning = "within 20% of ";
      }
      case "nearly", "将近" -> {
        holds = p < target && !exact && p >= (1 - ABOUT) * target;
        meaning = "under, by at most 20%, ";
      }
      case "over", "超过" -> {
        holds = p > target && !exact && p <= (1 + ABOUT) * target;
        meaning = "over, by at most 20%, ";
      }
      default -> {
        holds = exact;
        meaning = "exactly ";
      }
    }
    return holds
        ? null
        : "says " + s + " (" + meaning + Math.round(1000 * target) / 10.0 + "%), but it is " + what;
  }

  /** k and N of "k in N" or of a fraction's words ("a third"). */
  private static Optional<int[]> enFraction(String s) {
    double[] w = EN_WORDS.get(s);
    if (w != null) {
      return Optional.of(new int[] {(int) w[0], (int) w[1]});
    }
    Matcher f = EN_FRACTION.matcher(s);
    if (!f.matches()) {
      return Optional.empty();
    }
    return Optional.of(new int[] {Integer.parseInt(f.group(1)), Integer.parseInt(f.group(2))});
  }

  /** k and N of N分之k, or 一半. */
  private static Optional<int[]> zhFraction(String s) {
    if (s.equals("一半")) {
      return Optional.of(new int[] {1, 2});
    }
    Matcher f = ZH_FRACTION.matcher(s);
    if (!f.matches()) {
      return Optional.empty();
    }
    Optional<Integer> n = number(f.group(1));
    Optional<Integer> k = number(f.group(2));
    if (n.isEmpty() || k.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new int[] {k.get(), n.get()});
  }

  /** Arabic digits, or Chinese numerals up to 9999. */
  static Optional<Integer> number(String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      return Optional.of(Integer.parseInt(s));
    }
    String digits = "零一二三四五六七八九";
    int total = 0;
    int current = 0;
    for (char c : s.toCharArray()) {
      int d = digits.indexOf(c);
      if (d >= 0) {
        current = d;
        continue;
      }
      int unit =
          switch (c) {
            case '十' -> 10;
            case '百' -> 100;
            case '千' -> 1000;
            default -> -1;
          };
      if (unit < 0) {
        return Optional.empty();
      }
      total += (current == 0 ? 1 : current) * unit;
      current = 0;
    }
    return Optional.of(total + current);
  }
}
