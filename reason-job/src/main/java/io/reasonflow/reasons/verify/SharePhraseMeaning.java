package io.reasonflow.reasons.verify;

import io.reasonflow.reasons.realise.ReasonLocale;
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
 *   <li>"k in N" / N分之k: exactly k/N;
 *   <li>"about k in N" / 约N分之k: within 20% of k/N either way ("about 1 in 2" is 40% to 60%);
 *   <li>"about X%" / 约X%: within one percentage point of X%.
 * </ul>
 *
 * A phrase this does not know asserts something unchecked, so it is rejected.
 */
public final class SharePhraseMeaning {
  static final double NEARLY_ALL = 0.9;
  static final double ABOUT = 0.2;
  private static final Pattern EN_FRACTION = Pattern.compile("(about )?(\\d+) in (\\d+)");
  private static final Pattern EN_PERCENT = Pattern.compile("about (\\d+)%");
  private static final Pattern ZH_FRACTION =
      Pattern.compile("(约)?([零一二三四五六七八九十百千\\d]+)分之([零一二三四五六七八九十百千\\d]+)");
  private static final Pattern ZH_PERCENT = Pattern.compile("约(\\d+)%");

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
    Matcher f = (zh ? ZH_FRACTION : EN_FRACTION).matcher(s);
    if (f.matches()) {
      boolean about = f.group(1) != null;
      Optional<Integer> n = number(zh ? f.group(2) : f.group(3));
      Optional<Integer> k = number(zh ? f.group(3) : f.group(2));
      if (n.isEmpty() || k.isEmpty() || n.get() == 0 || k.get() > n.get()) {
        return "'" + s + "' is not a proportion";
      }
      double target = (double) k.get() / n.get();
      boolean holds =
          about
              ? Math.abs(p - target) <= ABOUT * target
              : (long) count * n.get() == (long) of * k.get();
      return holds
          ? null
          : "says "
              + s
              + " ("
              + (about ? "within 20% of " : "exactly ")
              + Math.round(1000 * target) / 10.0
              + "%), but it is "
              + what;
    }
    Matcher pc = (zh ? ZH_PERCENT : EN_PERCENT).matcher(s);
    if (pc.matches()) {
      int x = Integer.parseInt(pc.group(1));
      return Math.abs(100 * p - x) <= 1 ? null : "says about " + x + "%, but it is " + what;
    }
    return "'" + s + "' is not a share phrase the verifier knows the meaning of";
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
