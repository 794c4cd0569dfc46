package io.reasonflow.reasons.decoder;

/**
 * One teacher-forced training example: the decoder reads {@code inputs[t]} (start token, then the
 * sentence) with {@code condition} and should predict {@code targets[t]} (the sentence, then the
 * end token).
 */
record TrainingSequence(int[] inputs, int[] targets, float[] condition) {

  static TrainingSequence of(java.util.List<String> tokens, AnchorFacts facts, Vocabulary v) {
    int n = tokens.size();
    int[] in = new int[n + 1];
    int[] out = new int[n + 1];
    in[0] = v.bos();
    for (int i = 0; i < n; i++) {
      in[i + 1] = v.id(tokens.get(i));
      out[i] = v.id(tokens.get(i));
    }
    out[n] = v.eos();
    return new TrainingSequence(in, out, EvidenceFeatures.of(facts));
  }

  int length() {
    return inputs.length;
  }
}
