package io.reasonflow.reasons.explain;

import java.util.HashSet;
import java.util.List;

/**
 * PETER's USR: distinct generated sentences (as token lists) over all generated sentences. The
 * delexicalised ratio applies it to sentences whose claims are replaced by slot tokens ({@link
 * ClaimChecker#delexicalise}), so that "great tone" and "great price" count as one shape.
 */
public final class UniqueSentenceRatio {
  private UniqueSentenceRatio() {}

  public static double of(List<List<String>> sentences) {
    if (sentences.isEmpty()) {
      return 0;
    }
    return (double) new HashSet<>(sentences).size() / sentences.size();
  }
}
