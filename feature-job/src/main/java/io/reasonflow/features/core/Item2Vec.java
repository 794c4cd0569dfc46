package io.reasonflow.features.core;

import io.reasonflow.common.NativeLibraries;
import io.reasonflow.common.model.VectorMath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

/**
 * item2vec: DL4J skip-gram with negative sampling and frequent-item subsampling over item
 * sequences, read from a {@link SequenceCorpus} (opaque tokens in a file streamed once per epoch).
 *
 * <p>The seed draws the initial weights and each epoch's random stream (which tokens subsampling
 * drops, the window shrink, the negative samples; {@link SeededSkipGram}): left to DL4J, every
 * epoch would draw the same samples whatever the seed. With one worker a run repeats bit for bit.
 */
public final class Item2Vec {
  private Item2Vec() {}

  /**
   * What training produced: L2-normalised vectors of the items it learned, and how long it took.
   *
   * @param trainMillis the whole of it: vocabulary, weight initialisation and the epochs
   * @param vocabMillis of which building the vocabulary (one pass over the corpus, no learning)
   */
  public record Result(
      Map<String, float[]> vectors, long tokens, long trainMillis, long vocabMillis) {
    /** Milliseconds spent in the epochs themselves, the denominator of a training throughput. */
    public long epochMillis() {
      return trainMillis - vocabMillis;
    }
  }

  /**
   * Trains on {@code sequences} (spilled to a temporary corpus file first, as the backfill does).
   */
  public static Result train(
      List<List<String>> sequences, FeatureSettings s, Consumer<String> progress) {
    try (SequenceCorpus corpus = SequenceCorpus.of(sequences)) {
      return train(corpus, s, progress);
    }
  }

  /**
   * Trains on a corpus streamed from disk: memory grows with the items it holds, not with its
   * sequences.
   */
  public static Result train(SequenceCorpus corpus, FeatureSettings s, Consumer<String> progress) {
    NativeLibraries.load();
    long tokens = corpus.tokens();
    long start = System.currentTimeMillis();
    if (corpus.sequences() == 0) {
      return new Result(Map.of(), 0, 0, 0);
    }
    long corpusTokens = tokens;
    EpochProgress epochs = new EpochProgress("item2vec", corpusTokens, s.epochs(), progress);
    Word2Vec w2v =
        new Word2Vec.Builder()
            .iterate(corpus.sentences())
            .tokenizerFactory(new DefaultTokenizerFactory())
            .allowParallelTokenization(false)
            // each epoch draws its own samples from the seed: on Beauty that raised last-item
            // HR@10 from 0.0253 to 0.0274 against DL4J's stream (docs/benchmarks.md)
            .elementsLearningAlgorithm(new SeededSkipGram(s.seed()))
            .useHierarchicSoftmax(false)
            .negativeSample(s.negative())
            .sampling(s.subsampling())
            .layerSize(s.dim())
            .windowSize(s.window())
            .epochs(s.epochs())
            .iterations(1)
            .learningRate(s.learningRate())
            .minWordFrequency(s.minCount())
            .useUnknown(false)
            .seed(s.seed())
            .workers(s.workers())
            // DL4J batches this many sequences per worker fetch and pairs per native skip-gram
            // call; at its default (512) the per-call overhead dominates on 64-dim vectors (see
            // docs/benchmarks.md, item2vec throughput).
            .batchSize(s.batchSize())
            .setVectorsListeners(List.of(epochs))
            // the vocabulary is built below, on its own clock; fit() then initialises the weights
            // exactly as it would have (from the seed, because none exist yet) and goes straight to
            // the epochs
            .resetModel(false)
            .build();
    w2v.buildVocab();
    long vocabMillis = System.currentTimeMillis() - start;
    epochs.begin();
    w2v.fit();
    Map<String, float[]> vectors = new HashMap<>();
    for (int i = 0; i < corpus.items(); i++) {
      String token = "i" + i;
      if (w2v.hasWord(token)) {
        double[] v = w2v.getWordVector(token);
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
          f[k] = (float) v[k];
        }
        if (VectorMath.normalise(f)) {
          vectors.put(corpus.item(i), f);
        }
      }
    }
    return new Result(vectors, tokens, System.currentTimeMillis() - start, vocabMillis);
  }
}
