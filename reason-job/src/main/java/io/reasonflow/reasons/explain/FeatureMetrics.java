package io.reasonflow.reasons.explain;

import io.reasonflow.reasons.aspects.AspectLexicon;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * PETER's feature metrics (Li et al., 2021, section 5.2 and its {@code utils.py}), over the
 * features each generated sentence names ({@link #detect}):
 *
 * <ul>
 *   <li>FMR, feature matching ratio: the share of sentences that name their example's feature.
 *       PETER gives each example one feature; here it is the example's first (the one the template
 *       realises).
 *   <li>FCR, feature coverage ratio: distinct features named over all sentences, divided by the
 *       size of the data set's feature set.
 *   <li>DIV, feature diversity: the average size of the intersection of the feature sets of two
 *       generated sentences, over all pairs (lower is more diverse). Computed in linear time: the
 *       sum over pairs of |A ∩ B| equals the sum over features of C(k, 2), k the number of
 *       sentences naming the feature.
 * </ul>
 */
public final class FeatureMetrics {
  private FeatureMetrics() {}

  /**
   * The features of {@code featureSet} a sentence names: any run of 1-3 tokens whose key (lower
   * case, last word singular, for English; the characters joined, for Chinese) is in the set.
   */
  public static Set<String> detect(List<String> tokens, Set<String> featureSet, boolean chinese) {
    Set<String> out = new TreeSet<>();
    for (int n = 1; n <= 3; n++) {
      for (int i = 0; i + n <= tokens.size(); i++) {
        String g = ExplanationTokens.join(tokens.subList(i, i + n), chinese);
        String k = chinese ? g : AspectLexicon.key(g);
        if (featureSet.contains(k)) {
          out.add(k);
        }
      }
    }
    return out;
  }

  public static double fmr(List<Set<String>> detected, List<String> exampleFeatures) {
    if (detected.isEmpty()) {
      return 0;
    }
    int hit = 0;
    for (int i = 0; i < detected.size(); i++) {
      if (detected.get(i).contains(exampleFeatures.get(i))) {
        hit++;
      }
    }
    return (double) hit / detected.size();
  }

  public static double fcr(List<Set<String>> detected, int featureSetSize) {
    Set<String> all = new TreeSet<>();
    detected.forEach(all::addAll);
    return featureSetSize == 0 ? 0 : (double) all.size() / featureSetSize;
  }

  public static double div(List<Set<String>> detected) {
    long n = detected.size();
    if (n < 2) {
      return 0;
    }
    Map<String, Long> k = new HashMap<>();
    detected.forEach(s -> s.forEach(f -> k.merge(f, 1L, Long::sum)));
    double shared = 0;
    for (long c : k.values()) {
      shared += c * (c - 1) / 2.0;
    }
    return shared / (n * (n - 1) / 2.0);
  }
}
