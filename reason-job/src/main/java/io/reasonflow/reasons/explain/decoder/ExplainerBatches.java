package io.reasonflow.reasons.explain.decoder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Packs sentences into DL4J tensors: word ids {@code [batch, 1, time]}, the condition {@code
 * [batch, conditionSize]}, target ids {@code [batch, 1, time]} (sparse labels: a one-hot of a
 * 5,000-word vocabulary would be 25 MB per batch) and a label mask {@code [batch, time]} for the
 * padding. No input mask is needed: padding is at the end and the LSTM runs forwards, so it never
 * reaches a real step.
 */
final class ExplainerBatches {
  private ExplainerBatches() {}

  static MultiDataSet pack(List<EncodedSentence> batch) {
    int n = batch.size();
    int t = batch.stream().mapToInt(EncodedSentence::length).max().orElse(1);
    int c = batch.getFirst().condition().length;
    float[] words = new float[n * t];
    float[] targets = new float[n * t];
    float[] mask = new float[n * t];
    float[] cond = new float[n * c];
    for (int b = 0; b < n; b++) {
      EncodedSentence s = batch.get(b);
      for (int step = 0; step < s.length(); step++) {
        words[b * t + step] = s.inputs()[step];
        targets[b * t + step] = s.targets()[step];
        mask[b * t + step] = 1;
      }
      System.arraycopy(s.condition(), 0, cond, b * c, c);
    }
    INDArray m = Nd4j.create(mask, new long[] {n, t}, 'c');
    return new MultiDataSet(
        new INDArray[] {
          Nd4j.create(words, new long[] {n, 1, t}, 'c'), Nd4j.create(cond, new long[] {n, c}, 'c')
        },
        new INDArray[] {Nd4j.create(targets, new long[] {n, 1, t}, 'c')},
        null,
        new INDArray[] {m});
  }

  /**
   * Batches of similar length (less padding to compute), in a seeded random order: shuffled, sorted
   * by length within windows of 50 batches, cut into batches, and the batches shuffled.
   */
  static List<List<EncodedSentence>> epoch(List<EncodedSentence> all, int size, Random rnd) {
    List<EncodedSentence> order = new ArrayList<>(all);
    Collections.shuffle(order, rnd);
    int window = size * 50;
    List<List<EncodedSentence>> batches = new ArrayList<>();
    for (int w = 0; w < order.size(); w += window) {
      List<EncodedSentence> part =
          new ArrayList<>(order.subList(w, Math.min(order.size(), w + window)));
      part.sort(Comparator.comparingInt(EncodedSentence::length));
      for (int i = 0; i < part.size(); i += size) {
        batches.add(part.subList(i, Math.min(part.size(), i + size)));
      }
    }
    Collections.shuffle(batches, rnd);
    return batches;
  }
}
