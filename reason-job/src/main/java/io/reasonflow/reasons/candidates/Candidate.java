package io.reasonflow.reasons.candidates;

import java.util.List;

/**
 * An item worth recommending to a shopper.
 *
 * @param itemId the item
 * @param score relevance after the long-tail boost (before MMR re-ranking)
 * @param via how it was found, e.g. {@code coview:B0001}, {@code similar:B0001}, {@code
 *     user-vector}
 */
public record Candidate(String itemId, double score, List<String> via) {
  public Candidate {
    via = List.copyOf(via);
  }
}
