package io.reasonflow.features.core;

import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.models.embeddings.learning.impl.elements.BatchSequences;
import org.deeplearning4j.models.embeddings.learning.impl.elements.SkipGram;
import org.deeplearning4j.models.sequencevectors.sequence.Sequence;
import org.deeplearning4j.models.word2vec.VocabWord;

/**
 * DL4J's skip-gram with its random stream started from a seed of ours. DL4J 1.0.0-M2.1's {@code
 * SequenceVectors.fit} starts a new training thread ({@code VectorCalculationsThread}) for every
 * epoch, always with index 0, and the thread starts its stream ({@code nextRandom}: which tokens
 * subsampling drops, the window shrink, the negative samples) at its index: every epoch of every
 * fit draws the same stream, whatever {@code seed} says. In one model that meant every epoch drew
 * the same samples; for data-parallel rounds, every round of a worker, and every worker, drew the
 * same samples at the same positions of their shards. This sets the stream to one drawn from {@code
 * seed} and the epoch at the first sequence of each epoch (recognised by the new stream object DL4J
 * hands in), so that epochs, rounds and workers given different seeds draw different samples, and
 * the same seed the same, bit for bit. One instance serves one fit: it counts the epochs it saw.
 *
 * <p>{@code features.item2vec.workers} does not change that: in this DL4J version it is the thread
 * count of the native skip-gram call, and fit still runs one training thread, with one stream, per
 * epoch. Several native threads update shared rows concurrently, which is what makes such a run not
 * repeatable bit for bit.
 */
final class SeededSkipGram extends SkipGram<VocabWord> {
  private final long seed;
  private AtomicLong stream;
  private int epoch;

  SeededSkipGram(long seed) {
    this.seed = seed;
  }

  @Override
  public double learnSequence(
      Sequence<VocabWord> sequence,
      AtomicLong nextRandom,
      double learningRate,
      BatchSequences<VocabWord> batchSequences) {
    reseed(nextRandom);
    return super.learnSequence(sequence, nextRandom, learningRate, batchSequences);
  }

  @Override
  public double learnSequence(
      Sequence<VocabWord> sequence, AtomicLong nextRandom, double learningRate) {
    reseed(nextRandom);
    return super.learnSequence(sequence, nextRandom, learningRate);
  }

  private void reseed(AtomicLong nextRandom) {
    if (nextRandom != stream) {
      stream = nextRandom;
      nextRandom.set(Item2VecRound.mix(seed, epoch++));
    }
  }
}
