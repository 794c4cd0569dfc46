package io.reasonflow.reasons.explain.decoder;

/**
 * One training sentence as the network sees it: token ids fed in ({@code <s>} then the sentence)
 * and the ids to predict (the sentence then {@code </s>}), with the example's condition vector.
 */
record EncodedSentence(int[] inputs, int[] targets, float[] condition) {
  int length() {
    return inputs.length;
  }
}
