package io.reasonflow.reasons.explain;

import java.util.Set;

/**
 * The phrases that make a claim when a sentence names them: aspects (the aspect lexicon), product
 * types and attributes (brands, category leaves), all lower case and, for English, as
 * space-separated words. Numbers are claims without a list.
 */
public record ClaimVocabulary(
    Set<String> aspects, Set<String> productTypes, Set<String> attributes) {
  public ClaimVocabulary {
    aspects = Set.copyOf(aspects);
    productTypes = Set.copyOf(productTypes);
    attributes = Set.copyOf(attributes);
  }
}
