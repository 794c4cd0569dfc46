package io.reasonflow.features.core;

import io.reasonflow.common.NativeLibraries;
import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.VectorMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.deeplearning4j.models.embeddings.learning.impl.elements.SkipGram;
import org.deeplearning4j.models.word2vec.VocabWord;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

/**
 * Cold-start item vectors from titles, for items item2vec has not learned (seen fewer than {@code
 * features.item2vec.min-count} times, or in the catalogue with no events yet).
 *
 * <ol>
 *   <li>Word vectors: DL4J skip-gram over the catalogue's titles (each title one sentence of {@link
 *       TitleWords}).
 *   <li>A title's content embedding: the TF-IDF-weighted average of its words' vectors,
 *       L2-normalised. IDF ({@code ln(N / df)}) makes "opi" or "shampoo" count more than "hair",
 *       which half the catalogue shares.
 *   <li>A {@link LinearMap} (ridge) into the item2vec space, fitted on the items that have both.
 *       Its input is the content embedding next to the title's bag of words (TF-IDF, L2-normalised,
 *       one column per catalogue word): the averaged word vectors alone measured poorly on Beauty
 *       (the nearest learned item shared a salient title word for 12% of cold items, random 5%),
 *       because a 64-to-64 map cannot place a brand; the word columns let the map learn where "opi"
 *       or "nioxin" items live, and the word vectors still carry a title whose words the learned
 *       items never used. A cold item's vector is the mapped input, L2-normalised. Mapping into the
 *       behaviour space is what lets one index hold both kinds.
 * </ol>
 *
 * Titles with no known word (empty, or only unit words) get no vector.
 *
 * <p>The fit learns from at most {@code features.content.fit-titles} titles, a {@link TitleSample}
 * chosen by a seeded hash of the item id, so its time is bounded whatever the catalogue's size;
 * mapping a title takes microseconds, so the backfill fits once and ships the fitted {@link Model}
 * to the subtasks that map the cold items they hold.
 */
public final class ContentVectors {
  /**
   * The {@code features.content.*} keys.
   *
   * @param batchSize titles DL4J's training thread is handed at a time, and skip-gram pairs per
   *     native call
   * @param fitTitles titles the fit learns from, at most ({@link TitleSample}); 0: all
   */
  public record Settings(
      int dim,
      int window,
      int epochs,
      int minWordCount,
      double ridge,
      int batchSize,
      int fitTitles,
      long seed)
      implements java.io.Serializable {
    public static Settings from(Config c) {
      return new Settings(
          c.integer("features.content.dim", 2, 4096),
          c.integer("features.content.window", 1, 100),
          c.integer("features.content.epochs", 1, 10_000),
          c.integer("features.content.min-word-count", 1, 1_000_000),
          c.decimal("features.content.ridge", 1e-9, 1e9),
          c.integer("features.content.batch-size", 1, 1_000_000),
          c.integer("features.content.fit-titles", 0, Integer.MAX_VALUE),
          c.integer("features.item2vec.seed", Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
  }

  /**
   * A fitted model as plain arrays, to hand to the subtasks that map cold items ({@link
   * ContentModelFile}): the word vectors, their IDF and the map. A word's bag-of-words column is
   * {@code dim} plus its position in {@code words}, which is sorted.
   *
   * @param words the words with a vector, sorted
   * @param wordVectors their L2-normalised vectors, {@code words.length x dim}, row after row
   * @param idf their IDF, in the same order
   * @param map the fitted map into the item2vec space
   * @param fittedOn items the map was fitted on
   */
  public record Model(
      int dim,
      String[] words,
      float[] wordVectors,
      double[] idf,
      LinearMap.Weights map,
      int fittedOn) {
    public Model {
      if (wordVectors.length != words.length * dim || idf.length != words.length) {
        throw new IllegalArgumentException(
            "a model of "
                + words.length
                + " words needs "
                + words.length * dim
                + " vector values and as many IDFs, got "
                + wordVectors.length
                + " and "
                + idf.length);
      }
      if (map.inputDim() != dim + words.length) {
        throw new IllegalArgumentException(
            "the map takes " + map.inputDim() + " columns, the model has " + (dim + words.length));
      }
    }
  }

  private final int dim;
  private final Map<String, float[]> words;
  private final Map<String, Double> idf;
  private final Map<String, Integer> column;
  private final LinearMap map;
  private final int fittedOn;

  private ContentVectors(
      int dim,
      Map<String, float[]> words,
      Map<String, Double> idf,
      Map<String, Integer> column,
      LinearMap map,
      int fittedOn) {
    this.dim = dim;
    this.words = words;
    this.idf = idf;
    this.column = column;
    this.map = map;
    this.fittedOn = fittedOn;
  }

  /**
   * Trains word vectors on the titles of {@code catalogue} (item id to title) and fits the map on
   * the items that also have a {@code behaviour} vector: on every title, or, with {@code
   * features.content.fit-titles} above 0, on the catalogue's {@link TitleSample} of that many. Any
   * set of titles that contains the catalogue's sample has that sample, so the backfill passes its
   * merged candidates instead of the catalogue. Empty when there are no words or no item with both.
   */
  public static Optional<ContentVectors> fit(
      Map<String, String> catalogue,
      Map<String, float[]> behaviour,
      Settings s,
      Consumer<String> progress) {
    NativeLibraries.load();
    long start = System.currentTimeMillis();
    Map<String, String> titles = TitleSample.of(catalogue, s.fitTitles(), s.seed());
    List<String> sentences = new ArrayList<>();
    Map<String, Integer> df = new HashMap<>();
    long tokens = 0;
    // sorted so that the corpus order, and with it a seeded model, does not depend on hash order
    for (String title : new TreeMap<>(titles).values()) {
      List<String> w = TitleWords.of(title);
      if (w.isEmpty()) {
        continue;
      }
      sentences.add(String.join(" ", w));
      tokens += w.size();
      w.stream().distinct().forEach(x -> df.merge(x, 1, Integer::sum));
    }
    if (sentences.isEmpty()) {
      return Optional.empty();
    }
    Word2Vec w2v =
        new Word2Vec.Builder()
            .iterate(new CollectionSentenceIterator(sentences))
            .tokenizerFactory(new DefaultTokenizerFactory())
            .allowParallelTokenization(false)
            .elementsLearningAlgorithm(new SkipGram<VocabWord>())
            .useHierarchicSoftmax(false)
            .negativeSample(5)
            .sampling(1e-3)
            .layerSize(s.dim())
            .windowSize(s.window())
            .epochs(s.epochs())
            .iterations(1)
            // DL4J's reader thread adds up to 2 x batch-size titles to the training queue whenever
            // it holds fewer than batch-size, and otherwise sleeps 50 ms (AsyncSequencer in
            // SequenceVectors): at DL4J's 512, four-word titles ran out between naps and training
            // idled (46k tokens/s at a fifth of a core on 200,000 titles; 410k at 4096)
            .batchSize(s.batchSize())
            .learningRate(0.025)
            .minWordFrequency(s.minWordCount())
            .useUnknown(false)
            .seed(s.seed())
            // one native skip-gram thread: with two, DL4J's vectors differ slightly from run to run
            // (docs/scaling.md)
            .workers(1)
            .setVectorsListeners(
                List.of(new EpochProgress("title word vectors", tokens, s.epochs(), progress)))
            .build();
    w2v.fit();
    long wordsDone = System.currentTimeMillis();
    Map<String, float[]> words = new HashMap<>();
    Map<String, Double> idf = new HashMap<>();
    for (Map.Entry<String, Integer> e : df.entrySet()) {
      if (w2v.hasWord(e.getKey())) {
        double[] v = w2v.getWordVector(e.getKey());
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
          f[k] = (float) v[k];
        }
        if (VectorMath.normalise(f)) {
          words.put(e.getKey(), f);
          idf.put(e.getKey(), Math.log((double) sentences.size() / e.getValue()));
        }
      }
    }
    Map<String, Integer> column = new HashMap<>();
    for (String w : new TreeMap<>(words).keySet()) {
      column.put(w, s.dim() + column.size());
    }
    ContentVectors unmapped = new ContentVectors(s.dim(), words, idf, column, null, 0);
    List<LinearMap.Features> xs = new ArrayList<>();
    List<float[]> ys = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(titles).entrySet()) {
      float[] y = behaviour.get(e.getKey());
      if (y == null) {
        continue;
      }
      unmapped
          .features(e.getValue())
          .ifPresent(
              x -> {
                xs.add(x);
                ys.add(y);
              });
    }
    if (xs.isEmpty()) {
      return Optional.empty();
    }
    LinearMap map =
        LinearMap.fit(xs, ys.toArray(float[][]::new), s.dim() + column.size(), s.ridge());
    progress.accept(
        String.format(
            "content vectors: %,d word vectors from %,d titles (%,d tokens%s) in %.1f s, map fitted"
                + " on %,d items with both (%d CG iterations) in %.1f s",
            words.size(),
            sentences.size(),
            tokens,
            titles.size() < catalogue.size()
                ? String.format("; a sample of the %,d given", catalogue.size())
                : "",
            (wordsDone - start) / 1000.0,
            xs.size(),
            map.iterations(),
            (System.currentTimeMillis() - wordsDone) / 1000.0));
    return Optional.of(new ContentVectors(s.dim(), words, idf, column, map, xs.size()));
  }

  /** The model as plain arrays ({@link #of(Model)} rebuilds it). */
  public Model model() {
    String[] sorted = new TreeMap<>(words).keySet().toArray(String[]::new);
    float[] flat = new float[sorted.length * dim];
    double[] idfs = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      System.arraycopy(words.get(sorted[i]), 0, flat, i * dim, dim);
      idfs[i] = idf.get(sorted[i]);
    }
    return new Model(dim, sorted, flat, idfs, map.weights(), fittedOn);
  }

  /** The model {@link #model()} gave, as content vectors again: the same vectors, bit for bit. */
  public static ContentVectors of(Model m) {
    Map<String, float[]> words = new HashMap<>();
    Map<String, Double> idf = new HashMap<>();
    Map<String, Integer> column = new HashMap<>();
    for (int i = 0; i < m.words().length; i++) {
      words.put(m.words()[i], Arrays.copyOfRange(m.wordVectors(), i * m.dim(), (i + 1) * m.dim()));
      idf.put(m.words()[i], m.idf()[i]);
      column.put(m.words()[i], m.dim() + i);
    }
    return new ContentVectors(m.dim(), words, idf, column, LinearMap.of(m.map()), m.fittedOn());
  }

  /** Items the map was fitted on. */
  public int fittedOn() {
    return fittedOn;
  }

  /**
   * The title's content embedding (before the map), L2-normalised; empty when none of its words is
   * known.
   */
  public Optional<float[]> embed(String title) {
    Map<String, Integer> tf = new HashMap<>();
    for (String w : TitleWords.of(title)) {
      if (words.containsKey(w)) {
        tf.merge(w, 1, Integer::sum);
      }
    }
    if (tf.isEmpty()) {
      return Optional.empty();
    }
    float[] acc = null;
    for (Map.Entry<String, Integer> e : new TreeMap<>(tf).entrySet()) {
      float[] v = words.get(e.getKey());
      if (acc == null) {
        acc = new float[v.length];
      }
      double weight = e.getValue() * idf.get(e.getKey());
      for (int k = 0; k < v.length; k++) {
        acc[k] += (float) (weight * v[k]);
      }
    }
    return VectorMath.normalise(acc) ? Optional.of(acc) : Optional.empty();
  }

  /**
   * The map's input: the content embedding in the first {@code dim} columns, then the TF-IDF bag of
   * words.
   */
  Optional<LinearMap.Features> features(String title) {
    Optional<float[]> dense = embed(title);
    if (dense.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Integer> tf = new TreeMap<>();
    for (String w : TitleWords.of(title)) {
      if (column.containsKey(w)) {
        tf.merge(w, 1, Integer::sum);
      }
    }
    float[] d = dense.get();
    int[] index = new int[d.length + tf.size()];
    float[] value = new float[index.length];
    double norm = 0;
    int k = d.length;
    for (Map.Entry<String, Integer> e : tf.entrySet()) {
      index[k] = column.get(e.getKey());
      value[k] = (float) (e.getValue() * idf.get(e.getKey()));
      norm += (double) value[k] * value[k];
      k++;
    }
    for (int j = 0; j < d.length; j++) {
      index[j] = j;
      value[j] = d[j];
    }
    for (int j = d.length; j < index.length; j++) {
      value[j] = (float) (value[j] / Math.sqrt(norm));
    }
    return Optional.of(new LinearMap.Features(index, value));
  }

  /**
   * The title's vector in the item2vec space, L2-normalised; empty when the title has no known
   * word.
   */
  public Optional<float[]> vector(String title) {
    return features(title).map(map::apply).filter(VectorMath::normalise);
  }
}
