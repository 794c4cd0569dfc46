package io.reasonflow.reasons;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link ClaimRecheck}'s own reading of a share phrase, en or zh-CN, kept apart from the verifier's
 * {@code SharePhraseMeaning}: the phrase is parsed back to a hedge and a fraction, and the hedge
 * gives a band around the fraction (see {@link ClaimRecheck}).
 */
final class SharePhraseReading {
  private SharePhraseReading() {}

  private static final Map<String, Double> EN =
      Map.of(
          "all", 1.0,
          "half", 0.5,
          "a third", 1 / 3.0,
          "two thirds", 2 / 3.0,
          "a quarter", 0.25,
          "three quarters", 0.75);
  private static final Pattern EN_IN = Pattern.compile("(\\d+) in (\\d+)");
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?) ?%");
  private static final Pattern ZH_FRACTION = Pattern.compile("([一二三四五六七八九十百]+)分之([一二三四五六七八九十]+)");

  /** Whether the phrase holds of {@code proportion}; empty when it cannot be read. */
  static Optional<Boolean> holds(String phrase, double proportion) {
    String p = phrase.strip();
    String hedge = "";
    for (String[] h :
        new String[][] {
          {"about ", "about"},
          {"nearly ", "nearly"},
          {"over ", "over"},
          {"约", "about"},
          {"将近", "nearly"},
          {"超过", "over"},
          {"几乎", "nearly"}
        }) {
      if (p.startsWith(h[0])) {
        hedge = h[1];
        p = p.substring(h[0].length()).strip();
        break;
      }
    }
    Optional<Double> f = fraction(p);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    double v = f.get();
    double x = proportion;
    return Optional.of(
        switch (hedge) {
          case "about" -> Math.abs(x - v) <= Math.max(0.03, 0.15 * v);
          case "nearly" -> v == 1.0 ? x >= 0.85 && x < 1.0 : x < v && x >= v * 0.8 - 1e-9;
          case "over" -> x > v && x <= v * 1.2 + 1e-9;
          default -> Math.abs(x - v) <= 0.005;
        });
  }

  private static Optional<Double> fraction(String p) {
    if (EN.containsKey(p)) {
      return Optional.of(EN.get(p));
    }
    if (p.equals("全部")) {
      return Optional.of(1.0);
    }
    if (p.equals("一半")) {
      return Optional.of(0.5);
    }
    Matcher m = EN_IN.matcher(p);
    if (m.matches()) {
      return Optional.of(Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2)));
    }
    m = PERCENT.matcher(p);
    if (m.matches()) {
      return Optional.of(Double.parseDouble(m.group(1)) / 100);
    }
    m = ZH_FRACTION.matcher(p);
    if (m.matches()) {
      int of = zhNumber(m.group(1));
      int k = zhNumber(m.group(2));
      return of > 0 && k > 0 ? Optional.of((double) k / of) : Optional.empty();
    }
    return Optional.empty();
  }

  /** 一 .. 九十九 (no 百 beyond a bare 一百). */
  static int zhNumber(String s) {
    String digits = "零一二三四五六七八九";
    if (s.equals("一百")) {
      return 100;
    }
    int ten = s.indexOf('十');
    if (ten < 0) {
      return s.length() == 1 ? digits.indexOf(s.charAt(0)) : -1;
    }
    int tens = ten == 0 ? 1 : digits.indexOf(s.charAt(0));
    int ones = ten == s.length() - 1 ? 0 : digits.indexOf(s.charAt(ten + 1));
    return tens * 10 + ones;
  }
}
