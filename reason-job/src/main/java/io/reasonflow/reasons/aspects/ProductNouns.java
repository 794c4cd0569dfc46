package io.reasonflow.reasons.aspects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an item's reviewers call the item itself: the nouns after "this" / "these" ("this tuner",
 * "these strings") used in at least {@value #MIN_REVIEWS} of its reviews and in at least {@value
 * #MIN_SHARE} of them, singular, most used first. Such a noun names the product, not one of its
 * aspects; and for an item without a catalogue title it is the product type its reviewers use.
 */
public final class ProductNouns {
  static final int MIN_REVIEWS = 2;
  static final double MIN_SHARE = 0.1;

  private ProductNouns() {}

  public static List<String> of(List<String> reviewTexts) {
    Map<String, Integer> counts = new HashMap<>();
    Set<String> generic = AspectLexicon.genericNouns();
    for (String text : reviewTexts) {
      Set<String> seen = new HashSet<>();
      for (ReviewText.Sentence s : ReviewText.sentences(text)) {
        for (List<String> t : s.clauses()) {
          for (int i = 0; i + 1 < t.size(); i++) {
            if (AspectLexicon.DEMONSTRATIVES.contains(t.get(i))) {
              String w = t.get(i + 1);
              if (w.length() >= 3
                  && w.chars().allMatch(Character::isLetter)
                  && !AspectLexicon.CLOSED.contains(w)
                  && !generic.contains(w)
                  && !generic.contains(AspectLexicon.singular(w))) {
                seen.add(AspectLexicon.singular(w));
              }
            }
          }
        }
      }
      seen.forEach(w -> counts.merge(w, 1, Integer::sum));
    }
    List<String> out = new ArrayList<>();
    counts.entrySet().stream()
        .filter(e -> e.getValue() >= MIN_REVIEWS && e.getValue() >= MIN_SHARE * reviewTexts.size())
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.add(e.getKey()));
    return List.copyOf(out);
  }

  /** Whether the aspect is (or ends in) one of the names, as "mic stand" ends in "stand". */
  public static boolean names(List<String> nouns, String aspect) {
    String head = aspect.substring(aspect.lastIndexOf(' ') + 1);
    return nouns.contains(aspect) || nouns.contains(head);
  }
}
