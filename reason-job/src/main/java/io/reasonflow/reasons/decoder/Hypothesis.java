package io.reasonflow.reasons.decoder;

import java.util.List;

/**
 * A finished beam: its tokens (without start and end), its log-probability, the length-normalised
 * score beams are ranked by, and whether the decoder ended it itself ({@code complete}) or the
 * length bound did.
 */
public record Hypothesis(
    List<String> tokens, double logProbability, double score, boolean complete) {
  public Hypothesis {
    tokens = List.copyOf(tokens);
  }
}
