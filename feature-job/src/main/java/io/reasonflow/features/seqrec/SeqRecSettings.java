package io.reasonflow.features.seqrec;

import io.reasonflow.common.config.Config;

/**
 * Hyper-parameters of the sequential next-item model (a SASRec-style causal self-attention network
 * trained with full softmax cross-entropy over the catalogue).
 *
 * @param dim width of item embeddings and hidden states
 * @param blocks self-attention blocks
 * @param maxLength newest items of a history the model reads (older ones are dropped)
 * @param dropout probability of zeroing an activation while training (0 = none)
 * @param learningRate Adam's step size
 * @param epochs passes over the training positions
 * @param batchTokens positions per training batch (sequences are packed by length so few are
 *     padding)
 * @param negatives sampled softmax: the batch's target items plus this many uniformly drawn others
 *     are the candidates of every position's softmax; 0 = full softmax over the catalogue
 * @param seed weight initialisation, batch order and dropout masks
 * @param maxTrainSeconds wall-time budget of training (epochs and their validation): no epoch
 *     starts that would, at the mean epoch time so far, end past it; 0 = no budget
 */
public record SeqRecSettings(
    int dim,
    int blocks,
    int maxLength,
    double dropout,
    double learningRate,
    int epochs,
    int batchTokens,
    int negatives,
    long seed,
    int maxTrainSeconds)
    implements java.io.Serializable {

  /** The defaults of {@code reasonflow-reference.properties}. */
  public static final SeqRecSettings DEFAULTS =
      new SeqRecSettings(64, 2, 50, 0.3, 4e-3, 8, 1024, 1024, 42, 0);

  public SeqRecSettings {
    if (dim < 1
        || blocks < 0
        || maxLength < 1
        || epochs < 0
        || batchTokens < 1
        || negatives < 0
        || maxTrainSeconds < 0) {
      throw new IllegalArgumentException(
          String.format(
              "dim, maxLength and batchTokens must be positive, blocks, epochs, negatives and maxTrainSeconds "
                  + "not negative: dim %d, blocks %d, maxLength %d, epochs %d, batchTokens %d, negatives %d, "
                  + "maxTrainSeconds %d",
              dim, blocks, maxLength, epochs, batchTokens, negatives, maxTrainSeconds));
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
    }
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("learningRate must be positive: " + learningRate);
    }
  }

  /** The {@code features.seqrec.*} keys. */
  public static SeqRecSettings from(Config c) {
    return new SeqRecSettings(
        c.integer("features.seqrec.dim", 2, 1024),
        c.integer("features.seqrec.blocks", 0, 16),
        c.integer("features.seqrec.max-length", 1, 10_000),
        c.decimal("features.seqrec.dropout", 0, 0.95),
        c.decimal("features.seqrec.learning-rate", 1e-6, 1),
        c.integer("features.seqrec.epochs", 0, 10_000),
        c.integer("features.seqrec.batch-tokens", 16, 1_000_000),
        c.integer("features.seqrec.negatives", 0, 10_000_000),
        c.integer("features.seqrec.seed", Integer.MIN_VALUE, Integer.MAX_VALUE),
        c.integer("features.seqrec.max-train-seconds", 0, Integer.MAX_VALUE));
  }

  public SeqRecSettings withEpochs(int e) {
    return new SeqRecSettings(
        dim,
        blocks,
        maxLength,
        dropout,
        learningRate,
        e,
        batchTokens,
        negatives,
        seed,
        maxTrainSeconds);
  }
}
