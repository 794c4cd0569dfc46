package io.reasonflow.reasons.candidates;

/** An item close to a query item or vector, with its similarity. */
public record Neighbour(String itemId, double score) {}
