package io.reasonflow.features.core;

import io.reasonflow.common.NativeLibraries;
import io.reasonflow.common.model.VectorMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.deeplearning4j.models.embeddings.inmemory.InMemoryLookupTable;
import org.deeplearning4j.models.word2vec.VocabWord;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.models.word2vec.wordstore.inmemory.AbstractCache;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One round of data-parallel item2vec on one worker: DL4J's skip-gram over the worker's shard of
 * the corpus for {@code epochs / rounds} epochs, starting from the model the previous round's
 * merging produced (or, in round 0, from weights every worker draws alike from the seed).
 *
 * <p>Every worker must index the same vocabulary the same way, or merging would mix rows of
 * different items: the vocabulary is the whole corpus's (the rows' counts, not the shard's), in one
 * order (count descending, then id), with DL4J's own vocabulary building and Huffman indexing
 * skipped. Each shard's corpus file names items by its own tokens, so a vocabulary entry is
 * labelled with the shard's token for that item, or with a label the shard never uses.
 *
 * <p>The learning rate follows the single-model schedule: DL4J decays it linearly from {@code
 * learningRate} over {@code epochs x vocabulary occurrences}; here round r of R starts at {@code
 * learningRate x (1 - r/R)}, and the vocabulary's occurrence total is set to {@code shard tokens x
 * (R - r)}, so that the rate falls by {@code learningRate / R} over the round's pass over the
 * shard, as it does over one R-th of the whole corpus in one model. DL4J uses that total for one
 * other thing, the subsampling threshold, and only as {@code sampling x total}: the sampling
 * parameter is scaled to keep that product, so frequent items are dropped as they are in one model.
 *
 * <p>The round's random stream (which tokens subsampling drops, the window shrink, the negative
 * samples) is drawn from the seed, the round and the worker ({@link SeededSkipGram}): left to DL4J
 * it would be the same in every round and every worker.
 */
public final class Item2VecRound {
  private Item2VecRound() {}

  /**
   * A well-mixed long from {@code values} (SplitMix64's finaliser over each in turn): the seed of a
   * round's random stream from the job's seed, the round and the worker.
   */
  static long mix(long... values) {
    long h = 0x9E3779B97F4A7C15L;
    for (long v : values) {
      h ^= v;
      h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
      h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
      h ^= h >>> 31;
    }
    return h;
  }

  /** The vocabulary in the order every worker indexes it: count descending, then id. */
  public static List<Item2VecRow> order(Collection<Item2VecRow> model, int minCount) {
    List<Item2VecRow> rows = new ArrayList<>();
    for (Item2VecRow r : model) {
      if (r.count() >= minCount) {
        rows.add(r);
      }
    }
    rows.sort(
        Comparator.comparingLong(Item2VecRow::count).reversed().thenComparing(Item2VecRow::item));
    return rows;
  }

  /**
   * The model a round starts from, as rows in vocabulary order with {@code worker} -1: the rows
   * themselves after round 0, the seeded initial weights before. Merging by summed updates adds
   * each worker's change to these.
   */
  public static List<Item2VecRow> start(Collection<Item2VecRow> model, FeatureSettings s) {
    List<Item2VecRow> vocab = order(model, s.minCount());
    if (vocab.isEmpty() || vocab.getFirst().trained()) {
      return vocab;
    }
    int dim = s.dim();
    float[] syn0 = new float[vocab.size() * dim];
    initialWeights(syn0, dim, s.seed());
    List<Item2VecRow> rows = new ArrayList<>(vocab.size());
    for (int g = 0; g < vocab.size(); g++) {
      Item2VecRow r = vocab.get(g);
      rows.add(
          new Item2VecRow(
              r.item(),
              r.count(),
              -1,
              false,
              Arrays.copyOfRange(syn0, g * dim, (g + 1) * dim),
              new float[dim]));
    }
    return rows;
  }

  /**
   * Trains {@code shard} for one round.
   *
   * @param model every item's row: vocabulary entries before round 0, the merged rows after
   * @param round 0-based
   * @param worker this worker's index, written into the rows it returns
   * @return one row per vocabulary item (ordered as {@link #order}), or none if the shard is empty
   */
  public static List<Item2VecRow> train(
      SequenceCorpus shard,
      Collection<Item2VecRow> model,
      FeatureSettings s,
      int round,
      int worker,
      Consumer<String> progress) {
    NativeLibraries.load();
    int rounds = s.rounds();
    if (round < 0 || round >= rounds) {
      throw new IllegalArgumentException("round " + round + " is not in [0, " + rounds + ")");
    }
    List<Item2VecRow> vocab = order(model, s.minCount());
    long shardTokens = 0;
    for (Item2VecRow r : vocab) {
      int t = shard.tokenOf(r.item());
      if (t >= 0) {
        shardTokens += shard.occurrences(t);
      }
    }
    if (vocab.isEmpty() || shardTokens == 0) {
      return List.of();
    }
    int dim = s.dim();
    int n = vocab.size();
    long total = 0;
    AbstractCache<VocabWord> cache = new AbstractCache<>();
    boolean[] seen = new boolean[n];
    for (int g = 0; g < n; g++) {
      Item2VecRow r = vocab.get(g);
      total += r.count();
      int t = shard.tokenOf(r.item());
      seen[g] = t >= 0;
      String label = seen[g] ? "i" + t : "g" + g; // the corpus's tokens are all "i<k>"
      VocabWord w = new VocabWord(r.count(), label);
      w.setIndex(g);
      cache.addToken(w);
      cache.addWordToIndex(g, label);
    }
    long scaledTotal = shardTokens * (rounds - round);
    cache.setTotalWordOccurences(scaledTotal);
    double sampling = s.subsampling() * ((double) total / scaledTotal);

    float[] syn0 = new float[n * dim];
    float[] syn1neg = new float[n * dim];
    if (vocab.getFirst().trained()) {
      for (int g = 0; g < n; g++) {
        Item2VecRow r = vocab.get(g);
        if (!r.trained() || r.syn0().length != dim) {
          throw new IllegalArgumentException("no " + dim + "-dim parameters for " + r.item());
        }
        System.arraycopy(r.syn0(), 0, syn0, g * dim, dim);
        System.arraycopy(r.syn1neg(), 0, syn1neg, g * dim, dim);
      }
    } else {
      initialWeights(syn0, dim, s.seed());
    }
    InMemoryLookupTable<VocabWord> table =
        new InMemoryLookupTable.Builder<VocabWord>()
            .vectorLength(dim)
            .useAdaGrad(false)
            .cache(cache)
            .lr(s.learningRate())
            .seed(s.seed())
            .negative(s.negative())
            .useHierarchicSoftmax(false)
            .build();
    table.setSyn0(Nd4j.create(syn0, new long[] {n, dim}, 'c'));
    // creates the negative-sampling table from the counts, and a zero syn1neg we then overwrite
    table.resetWeights(false);
    table.getSyn1Neg().assign(Nd4j.create(syn1neg, new long[] {n, dim}, 'c'));

    int epochs = s.epochs() / rounds + (round < s.epochs() % rounds ? 1 : 0);
    double rate = s.learningRate() * (1 - (double) round / rounds);
    progress.accept(
        String.format(
            "item2vec round %d/%d, worker %d: %,d tokens of %,d, %d epoch(s) from rate %.5f",
            round + 1, rounds, worker, shardTokens, total, epochs, rate));
    Word2Vec w2v =
        new Word2Vec.Builder()
            .iterate(shard.sentences())
            .tokenizerFactory(new DefaultTokenizerFactory())
            .allowParallelTokenization(false)
            // left to DL4J, every round and worker would draw the same samples (SeededSkipGram): on
            // Beauty that cost 0.0035 last-item HR@10 against one model (docs/scaling.md)
            .elementsLearningAlgorithm(new SeededSkipGram(mix(s.seed(), round, worker)))
            .useHierarchicSoftmax(false)
            .negativeSample(s.negative())
            .sampling(sampling)
            .layerSize(dim)
            .windowSize(s.window())
            .epochs(epochs)
            .iterations(1)
            .learningRate(rate)
            .minWordFrequency(s.minCount())
            .useUnknown(false)
            .seed(s.seed())
            .workers(s.workers())
            .batchSize(s.batchSize())
            .vocabCache(cache)
            .lookupTable(table)
            .resetModel(false)
            .build();
    w2v.fit();

    float[] in = table.getSyn0().data().asFloat();
    float[] out = table.getSyn1Neg().data().asFloat();
    release(table);
    List<Item2VecRow> rows = new ArrayList<>(n);
    for (int g = 0; g < n; g++) {
      Item2VecRow r = vocab.get(g);
      rows.add(
          new Item2VecRow(
              r.item(),
              r.count(),
              worker,
              seen[g],
              Arrays.copyOfRange(in, g * dim, (g + 1) * dim),
              Arrays.copyOfRange(out, g * dim, (g + 1) * dim)));
    }
    return rows;
  }

  /**
   * Frees this round's native memory now rather than at some later garbage collection: the weight
   * and sampling arrays, and the workspace of DL4J's training thread, which ended with {@code fit}
   * and whose off-heap buffers go only when the collector finds it. Without this a backfill of 10
   * rounds at parallelism 2 on Beauty peaked at 4.1 GB resident against 1.4 GB for one model.
   */
  private static void release(InMemoryLookupTable<VocabWord> table) {
    for (INDArray a : new INDArray[] {table.getSyn0(), table.getSyn1Neg(), table.getTable()}) {
      if (a != null && a.closeable()) {
        a.close();
      }
    }
    Nd4j.getMemoryManager().invokeGc();
  }

  /**
   * Round 0's input vectors, the same in every worker: uniform in [-0.5, 0.5) / dim, as DL4J
   * initialises its own, drawn in vocabulary order from the seed.
   */
  static void initialWeights(float[] syn0, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < syn0.length; i++) {
      syn0[i] = (float) ((random.nextDouble() - 0.5) / dim);
    }
  }

  /** The final vectors: each item's merged input vector, L2-normalised (zero vectors dropped). */
  public static Map<String, float[]> vectors(Collection<Item2VecRow> model) {
    Map<String, float[]> vectors = new HashMap<>();
    for (Item2VecRow r : model) {
      float[] v = r.syn0().clone();
      if (VectorMath.normalise(v)) {
        vectors.put(r.item(), v);
      }
    }
    return vectors;
  }
}
