package io.reasonflow.reasons.explain;

import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A locale's explanation examples with what was learnt from their training split: per item the
 * aspects its training reviews write about most (what a generator may say of the item besides the
 * example's own evidence), and the claim vocabulary the claim checker reads sentences with.
 * Immutable.
 *
 * @param locale "en" or "zh-CN"
 * @param examples every example, in a deterministic order (review id, then sentence position)
 * @param itemAspects per item, its training reviews' aspects, most written first (train only)
 * @param vocabulary the words that make a claim in this locale's sentences
 */
public record ExplanationDataset(
    String locale,
    List<ExplanationExample> examples,
    Map<String, List<String>> itemAspects,
    ClaimVocabulary vocabulary) {

  public ExplanationDataset {
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(vocabulary, "vocabulary");
    examples = List.copyOf(examples);
    itemAspects = Map.copyOf(itemAspects);
  }

  /** The examples of one split, in the dataset's order. */
  public List<ExplanationExample> examples(Split split) {
    List<ExplanationExample> out = new ArrayList<>();
    for (ExplanationExample e : examples) {
      if (e.split() == split) {
        out.add(e);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The item's aspects from its training reviews, most written first; empty when unknown. */
  public List<String> itemAspects(String itemId) {
    return itemAspects.getOrDefault(itemId, List.of());
  }

  /** Every feature of every example, sorted: PETER's feature set, the denominator of FCR. */
  public Set<String> featureSet() {
    Set<String> out = new TreeSet<>();
    examples.forEach(e -> out.addAll(e.features()));
    return Collections.unmodifiableSet(out);
  }

  /** Whether this is the Chinese data (character tokens, Chinese wording). */
  public boolean chinese() {
    return locale.startsWith("zh");
  }
}
