package io.reasonflow.reasons.explain;

import io.reasonflow.reasons.aspects.AspectLexicon;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the claims a generated sentence makes and checks each against the example's evidence,
 * independently of whichever generator wrote it. A claim is a run of tokens naming an aspect of the
 * aspect lexicon, a product type, an attribute (brand, category leaf) of the data, or a number;
 * runs are matched longest first (up to {@value #LONGEST} tokens). A claim is supported when the
 * phrase is in the evidence a generator may use: the example's features, the item's aspects from
 * training reviews, its product type and its attributes (a number only when one of those contains
 * it). Phrases are compared as keys: lower case, last English word singular ("strings" is
 * "string"); Chinese by characters.
 */
public final class ClaimChecker {
  static final int LONGEST = 5;

  /** What kind of thing a claim names; the slot token of delexicalised sentences. */
  public enum Kind {
    ASPECT,
    PRODUCT_TYPE,
    ATTRIBUTE,
    NUMBER
  }

  /** One claim: its kind, its key, and its token span [start, end). */
  public record Found(Kind kind, String key, int start, int end) {}

  /** A sentence's claims and how many the evidence supports. */
  public record Check(List<Found> claims, int supported) {
    public boolean allSupported() {
      return supported == claims.size();
    }
  }

  private final boolean chinese;
  private final Set<String> aspects;
  private final Set<String> types;
  private final Set<String> attributes;

  /**
   * Each item-aspect list's keys, by the list: computed once. zh-CN lists are a whole category's
   * aspects (hundreds), and keying them afresh for every sentence checked made the check allocate
   * more than the decoding it checks.
   */
  private final java.util.concurrent.ConcurrentHashMap<List<String>, Set<String>> itemAspectKeys =
      new java.util.concurrent.ConcurrentHashMap<>();

  public ClaimChecker(ClaimVocabulary vocabulary, boolean chinese) {
    this.chinese = chinese;
    this.aspects = normalise(vocabulary.aspects());
    this.types = normalise(vocabulary.productTypes());
    this.attributes = normalise(vocabulary.attributes());
  }

  /** The claims in a sentence, left to right. */
  public List<Found> claims(String sentence) {
    return claims(ExplanationTokens.of(sentence, chinese));
  }

  List<Found> claims(List<String> t) {
    List<Found> out = new ArrayList<>();
    int i = 0;
    while (i < t.size()) {
      Found f = null;
      for (int n = Math.min(LONGEST, t.size() - i); n >= 1 && f == null; n--) {
        // the tokens are already cut and lower-cased as key() would cut them: only the last English
        // word's plural is left to fold (re-tokenising every n-gram was most of a check's garbage)
        String joined = ExplanationTokens.join(t.subList(i, i + n), chinese);
        String k = chinese ? joined : AspectLexicon.key(joined);
        if (attributes.contains(k)) {
          f = new Found(Kind.ATTRIBUTE, k, i, i + n);
        } else if (types.contains(k)) {
          f = new Found(Kind.PRODUCT_TYPE, k, i, i + n);
        } else if (aspects.contains(k)) {
          f = new Found(Kind.ASPECT, k, i, i + n);
        }
      }
      if (f == null && t.get(i).chars().anyMatch(Character::isDigit)) {
        int j = i + 1;
        // Chinese digits come one character a token: one number is one claim
        while (chinese && j < t.size() && t.get(j).chars().allMatch(Character::isDigit)) {
          j++;
        }
        f = new Found(Kind.NUMBER, ExplanationTokens.join(t.subList(i, j), chinese), i, j);
      }
      if (f != null) {
        out.add(f);
        i = f.end();
      } else {
        i++;
      }
    }
    return out;
  }

  /**
   * Checks a sentence against the example's evidence and the item's training aspects ({@link
   * ExplanationDataset#itemAspects}).
   */
  public Check check(String sentence, ExplanationExample e, List<String> itemAspects) {
    List<Found> claims = claims(sentence);
    if (claims.isEmpty()) {
      return new Check(claims, 0);
    }
    Set<String> evidence = new HashSet<>();
    e.features().forEach(f -> evidence.add(key(f)));
    if (!e.productType().isEmpty()) {
      evidence.add(key(e.productType()));
    }
    e.attributes().forEach(a -> evidence.add(key(a)));
    Set<String> aspects = itemAspectKeys.get(itemAspects); // a read takes no lock
    if (aspects == null) {
      aspects = itemAspectKeys.computeIfAbsent(itemAspects, this::normalise);
    }
    int ok = 0;
    for (Found f : claims) {
      boolean supported =
          f.kind() == Kind.NUMBER
              ? evidence.stream().anyMatch(x -> x.contains(f.key()))
                  || aspects.stream().anyMatch(x -> x.contains(f.key()))
              : evidence.contains(f.key()) || aspects.contains(f.key());
      if (supported) {
        ok++;
      }
    }
    return new Check(claims, ok);
  }

  /** The sentence's tokens with each claim replaced by its kind's slot ("&lt;ASPECT&gt;"). */
  public List<String> delexicalise(String sentence) {
    List<String> t = ExplanationTokens.of(sentence, chinese);
    List<String> out = new ArrayList<>();
    int i = 0;
    for (Found f : claims(t)) {
      out.addAll(t.subList(i, f.start()));
      out.add("<" + f.kind() + ">");
      i = f.end();
    }
    out.addAll(t.subList(i, t.size()));
    return out;
  }

  private String key(String phrase) {
    String joined = ExplanationTokens.join(ExplanationTokens.of(phrase, chinese), chinese);
    return chinese ? joined : AspectLexicon.key(joined);
  }

  private Set<String> normalise(java.util.Collection<String> phrases) {
    Set<String> out = new HashSet<>();
    for (String p : phrases) {
      String k = key(p);
      if (!k.isEmpty()) {
        out.add(k);
      }
    }
    return Set.copyOf(out);
  }
}
