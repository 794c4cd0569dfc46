package io.reasonflow.reasons.decoder;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Packs training sequences into DL4J tensors, NCW: features {@code [batch, vocab + condition,
 * time]} (one-hot of the previous token, then the evidence vector repeated at every step), one-hot
 * labels {@code [batch, vocab, time]}, and masks {@code [batch, time]} for the padding of shorter
 * sequences.
 */
final class SequenceBatches {
  private SequenceBatches() {}

  static DataSet pack(List<TrainingSequence> batch, int vocab) {
    int n = batch.size();
    int t = batch.stream().mapToInt(TrainingSequence::length).max().orElse(1);
    int nIn = vocab + EvidenceFeatures.SIZE;
    float[] features = new float[n * nIn * t];
    float[] labels = new float[n * vocab * t];
    float[] mask = new float[n * t];
    for (int b = 0; b < n; b++) {
      TrainingSequence s = batch.get(b);
      for (int step = 0; step < s.length(); step++) {
        features[(b * nIn + s.inputs()[step]) * t + step] = 1;
        for (int c = 0; c < EvidenceFeatures.SIZE; c++) {
          features[(b * nIn + vocab + c) * t + step] = s.condition()[c];
        }
        labels[(b * vocab + s.targets()[step]) * t + step] = 1;
        mask[b * t + step] = 1;
      }
    }
    INDArray m = Nd4j.create(mask, new long[] {n, t}, 'c');
    return new DataSet(
        Nd4j.create(features, new long[] {n, nIn, t}, 'c'),
        Nd4j.create(labels, new long[] {n, vocab, t}, 'c'),
        m,
        m.dup());
  }

  /** Summed negative log-likelihood (nats) of the targets, and how many targets there were. */
  static double[] negativeLogLikelihood(
      org.deeplearning4j.nn.multilayer.MultiLayerNetwork net, DataSet d) {
    INDArray probs =
        net.output(d.getFeatures(), false, d.getFeaturesMaskArray(), d.getLabelsMaskArray());
    INDArray picked =
        probs.mul(d.getLabels()).sum(1); // [batch, time]: probability of the true token
    float[][] p = picked.toFloatMatrix();
    float[][] mask = d.getLabelsMaskArray().toFloatMatrix();
    double nll = 0;
    long count = 0;
    for (int b = 0; b < p.length; b++) {
      for (int s = 0; s < p[b].length; s++) {
        if (mask[b][s] > 0) {
          nll -= Math.log(Math.max(p[b][s], 1e-12));
          count++;
        }
      }
    }
    return new double[] {nll, count};
  }
}
