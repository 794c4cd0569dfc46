package io.reasonflow.features.eval;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.io.EventFileReader;
import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.features.core.CoViews;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.Item2Vec;
import io.reasonflow.features.core.Profiles;
import io.reasonflow.features.core.ShardedItem2Vec;
import io.reasonflow.features.core.Transitions;
import io.reasonflow.features.core.UserHistory;
import io.reasonflow.features.seqrec.LinearNextItem;
import io.reasonflow.features.seqrec.SeqRecSettings;
import io.reasonflow.features.seqrec.SeqRecTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Next-item evaluation on the standard protocol: per user (kept events in {@link UserHistory}
 * order, at least 3), the last event's item is the test target, the second last the validation
 * target, the rest is training data. Every model is trained on training events only, with the
 * feature job's own code (co-view counts, item2vec, profiles). For the validation target a user's
 * input history is the training events; for the test target it also includes the validation event.
 * Ranking is over all items in the file; the user's history items are excluded except the target
 * itself (a repeat purchase can still be hit). Ties are broken by popularity, then by item order.
 *
 * <p>Methods: popularity (training shoppers); item-kNN (sum of co-view scores from the user's
 * recent distinct items, {@code features.profile.recent-items}); item2vec (cosine of the item
 * vector with the user's profile vector); and a blend {@code w * kNN/max(kNN) + (1-w) * (cos+1)/2}
 * with {@code w} chosen on the validation targets; a sequential item-kNN ({@link Transitions}: what
 * followed the user's newest items in other shoppers' histories, the k-th newest anchor weighted
 * {@code decay^k}, decay chosen on validation); and its blend with item2vec's last-item cosine
 * (decay and weight chosen on validation). Every row is reported on the test targets.
 */
public final class NextItemEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(NextItemEvaluator.class);
  private static final double[] WEIGHTS = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};

  /** Recency decay of the sequential kNN's anchors: the k-th newest item weighs {@code decay^k}. */
  private static final double[] DECAYS = {0.3, 0.5, 0.7};

  /** Weight of the sequential kNN in its blend with item2vec (last item). */
  private static final double[] SEQ_WEIGHTS = {0.2, 0.35, 0.5, 0.7};

  /** Transitions: as the backfill counts them ({@link Transitions#WINDOW}). */
  private static final int TRANSITION_WINDOW = Transitions.WINDOW;

  private static final double TRANSITION_BACKWARD = Transitions.BACKWARD;

  /** Anchors of the sequential kNN: the newest distinct items of the input history. */
  private static final int SEQ_ANCHORS = 10;

  /**
   * Weight of the sequential kNN in its blend with the sequential model (the rest: the model's
   * softmax / max).
   */
  private static final double[] MODEL_WEIGHTS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};

  /** Shoppers scored by the sequential model in one forward pass. */
  private static final int CHUNK = 1024;

  // result slots: 4 single methods, the co-view blend per weight, seq-kNN per decay, its blend per
  // decay x weight, the sequential model, its blend with seq-kNN per decay x weight
  private static final int BLEND = 4;
  private static final int SEQ = BLEND + WEIGHTS.length;
  private static final int SEQ_BLEND = SEQ + DECAYS.length;
  private static final int MODEL = SEQ_BLEND + DECAYS.length * SEQ_WEIGHTS.length;
  private static final int MODEL_BLEND = MODEL + 1;

  /**
   * Three-way blends {@code a * seq/max + b * softmax/max + c * linear/max}, per decay: the whole
   * simplex in steps of 0.1 with every weight at least 0.1 (36 triples). A first grid of 12 triples
   * around the two-way optima chose its corner (seq-kNN at its lowest, the linear model at its
   * highest; docs/benchmarks.md), so the grid now spans every mix, at three times the scoring.
   */
  private static final double[][] TRIPLES = triples();

  private static final int LINEAR = MODEL_BLEND + DECAYS.length * MODEL_WEIGHTS.length;
  private static final int LINEAR_BLEND = LINEAR + 1;
  private static final int TRIPLE = LINEAR_BLEND + DECAYS.length * MODEL_WEIGHTS.length;

  /**
   * Weight of item2vec's last-item cosine, {@code (cos+1)/2}, added to every three-way blend (the
   * four-way blend; weight 0 is the three-way blend itself): whether item2vec's co-occurrence adds
   * anything next to three sequential models.
   */
  private static final double[] ITEM2VEC_WEIGHTS = {0.1, 0.2, 0.3, 0.4};

  private static final int QUAD = TRIPLE + DECAYS.length * TRIPLES.length;
  private static final int SLOTS = QUAD + DECAYS.length * TRIPLES.length * ITEM2VEC_WEIGHTS.length;

  private static double[][] triples() {
    List<double[]> t = new ArrayList<>();
    for (int a = 1; a <= 8; a++) {
      for (int c = 1; a + c <= 9; c++) {
        t.add(new double[] {a / 10.0, (10 - a - c) / 10.0, c / 10.0});
      }
    }
    return t.toArray(new double[0][]);
  }

  private final Path plot;

  /** Evaluates without drawing the sequential model's validation curve. */
  public NextItemEvaluator() {
    this(null);
  }

  /**
   * @param plot where to draw validation HR@10 by epoch of the sequential model (PNG), or null
   */
  public NextItemEvaluator(Path plot) {
    this.plot = plot;
  }

  public EvalTable evaluate(Config config, Path eventsFile) {
    long start = System.currentTimeMillis();
    FeatureSettings s = FeatureSettings.from(config);
    Map<String, List<Event>> byUser = new HashMap<>();
    new EventFileReader(EventSchemas.from(config))
        .read(
            eventsFile,
            e -> byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e),
            d -> {});

    Map<String, Integer> itemIndex = new HashMap<>();
    List<String> itemIds = new ArrayList<>();
    List<Split> splits = new ArrayList<>();
    List<UserHistory> train = new ArrayList<>();
    for (Map.Entry<String, List<Event>> u : new java.util.TreeMap<>(byUser).entrySet()) {
      UserHistory all =
          UserHistory.of(u.getKey(), u.getValue(), s.sessionGapMs(), s.sessionMaxItems());
      for (Event e : all.events()) {
        itemIndex.computeIfAbsent(
            e.itemId(),
            k -> {
              itemIds.add(k);
              return itemIds.size() - 1;
            });
      }
      List<Event> ev = all.events();
      if (ev.size() < 3) {
        train.add(all);
        continue;
      }
      UserHistory tr =
          UserHistory.of(
              u.getKey(), ev.subList(0, ev.size() - 2), s.sessionGapMs(), s.sessionMaxItems());
      UserHistory trVal =
          UserHistory.of(
              u.getKey(), ev.subList(0, ev.size() - 1), s.sessionGapMs(), s.sessionMaxItems());
      train.add(tr);
      splits.add(
          new Split(
              tr,
              trVal,
              itemIndex.get(ev.get(ev.size() - 2).itemId()),
              itemIndex.get(ev.getLast().itemId())));
    }
    int n = itemIds.size();
    log("%,d users (%,d evaluated), %,d items", byUser.size(), splits.size(), n);

    // popularity and co-view on training events
    Map<String, Integer> pairCounts = new HashMap<>();
    int[] shoppers = new int[n];
    for (UserHistory h : train) {
      for (String p : CoViews.userPairs(h)) {
        pairCounts.merge(p, 1, Integer::sum);
      }
      for (String i : h.distinctItems()) {
        shoppers[itemIndex.get(i)]++;
      }
    }
    Map<String, Integer> shopperMap = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (shoppers[i] > 0) {
        shopperMap.put(itemIds.get(i), shoppers[i]);
      }
    }
    Map<String, List<io.reasonflow.common.model.CoView>> neighbours =
        CoViews.neighbours(pairCounts, shopperMap, 0);
    log("co-view: %,d pairs from training events", pairCounts.size());

    List<List<String>> corpus = new ArrayList<>();
    for (UserHistory h : train) {
      corpus.addAll(h.sequences(s.sequenceMode()));
    }
    // features.item2vec.parallelism above 1: the backfill's data-parallel training, its workers run
    // one after the other here (0 or 1: one model, as the backfill trains at parallelism 1)
    int workers = Math.max(1, s.parallelism());
    Item2Vec.Result model =
        workers == 1
            ? Item2Vec.train(corpus, s, NextItemEvaluator::log)
            : ShardedItem2Vec.train(corpus, s, workers, NextItemEvaluator::log);
    log(
        "item2vec: %,d vectors in %.1f s (%d worker(s), %d round(s))",
        model.vectors().size(),
        model.trainMillis() / 1000.0,
        workers,
        workers == 1 ? 1 : s.rounds());
    float[][] vec = new float[n][];
    for (int i = 0; i < n; i++) {
      vec[i] = model.vectors().get(itemIds.get(i));
    }

    List<int[]> sequences = new ArrayList<>();
    for (UserHistory h : train) {
      for (List<String> seq : h.sequences(FeatureSettings.SequenceMode.USER)) {
        sequences.add(seq.stream().mapToInt(itemIndex::get).toArray());
      }
    }
    Transitions transitions =
        Transitions.count(sequences, n, TRANSITION_WINDOW, TRANSITION_BACKWARD);

    LinearNextItem.Settings linearSettings = LinearNextItem.Settings.from(config);
    long linStart = System.currentTimeMillis();
    LinearNextItem linear =
        LinearNextItem.train(sequences, n, linearSettings, NextItemEvaluator::log);
    long linMillis = System.currentTimeMillis() - linStart;
    String linResident = peakResident();
    Scorer scorer = new Scorer(n, itemIndex, shoppers, neighbours, vec, transitions, linear, s);
    SeqRecSettings seqSettings = SeqRecSettings.from(config);
    Training seq = trainSequentialModel(sequences, itemIds, splits, scorer, seqSettings);
    // per split: [slot][0 = validation, 1 = test] -> {hr, ndcg}
    double[][][] sums = new double[SLOTS][2][2];
    long scoreStart = System.currentTimeMillis();
    for (int from = 0; from < splits.size(); from += CHUNK) {
      if (from > 0) {
        double rate = from * 1000.0 / Math.max(1, System.currentTimeMillis() - scoreStart);
        log(
            "scoring: %,d/%,d shoppers, %,.0f shoppers/s, ETA %.0f s",
            from, splits.size(), rate, (splits.size() - from) / rate);
      }
      List<Split> chunk = splits.subList(from, Math.min(splits.size(), from + CHUNK));
      float[][] val =
          seq.result().model().scoreIndices(chunk.stream().map(scorer::validationInput).toList());
      float[][] test =
          seq.result().model().scoreIndices(chunk.stream().map(scorer::testInput).toList());
      sums =
          add(
              sums,
              IntStream.range(0, chunk.size())
                  .parallel()
                  .mapToObj(k -> scorer.score(chunk.get(k), val[k], test[k]))
                  .reduce(new double[SLOTS][2][2], NextItemEvaluator::add, NextItemEvaluator::add));
    }
    int users = splits.size();
    int best = bestOnValidation(sums, BLEND, WEIGHTS.length);
    int bestDecay = bestOnValidation(sums, SEQ, DECAYS.length);
    int bestSeqBlend = bestOnValidation(sums, SEQ_BLEND, DECAYS.length * SEQ_WEIGHTS.length);
    String[] names = {
      "popularity", "co-view item-kNN", "item2vec (profile)", "item2vec (last item)"
    };
    List<EvalTable.Row> rows = new ArrayList<>();
    for (int m = 0; m < 4; m++) {
      rows.add(row(names[m], sums[m], users));
    }
    rows.add(row("blend kNN + item2vec", sums[BLEND + best], users));
    rows.add(row("sequential item-kNN", sums[SEQ + bestDecay], users));
    rows.add(row("blend seq-kNN + item2vec", sums[SEQ_BLEND + bestSeqBlend], users));
    int bestModelBlend = bestOnValidation(sums, MODEL_BLEND, DECAYS.length * MODEL_WEIGHTS.length);
    rows.add(row("SASRec-style model", sums[MODEL], users));
    rows.add(row("blend seq-kNN + SASRec-style", sums[MODEL_BLEND + bestModelBlend], users));
    int bestTriple = bestOnValidation(sums, TRIPLE, DECAYS.length * TRIPLES.length);
    double[] triple = TRIPLES[bestTriple % TRIPLES.length];
    rows.add(row("linear next-item (SLIT-style)", sums[LINEAR], users));
    int bestLinBlend = bestOnValidation(sums, LINEAR_BLEND, DECAYS.length * MODEL_WEIGHTS.length);
    rows.add(row("blend seq-kNN + linear", sums[LINEAR_BLEND + bestLinBlend], users));
    rows.add(row("blend seq-kNN + SASRec-style + linear", sums[TRIPLE + bestTriple], users));
    int bestQuad =
        bestOnValidation(sums, QUAD, DECAYS.length * TRIPLES.length * ITEM2VEC_WEIGHTS.length);
    rows.add(row("blend seq-kNN + SASRec-style + linear + item2vec", sums[QUAD + bestQuad], users));
    double[] quadTriple = TRIPLES[(bestQuad / ITEM2VEC_WEIGHTS.length) % TRIPLES.length];
    List<String> notes =
        List.of(
            String.format(
                "blend = %.1f * kNN/max(kNN) + %.1f * (cos+1)/2 (weight tuned on validation)",
                WEIGHTS[best], 1 - WEIGHTS[best]),
            String.format(
                "sequential item-kNN: transitions within %d positions (backward x%.1f) from the %d newest "
                    + "items, decay %.1f per step (tuned on validation over %s)",
                TRANSITION_WINDOW,
                TRANSITION_BACKWARD,
                SEQ_ANCHORS,
                DECAYS[bestDecay],
                java.util.Arrays.toString(DECAYS)),
            String.format(
                "blend seq-kNN + item2vec = %.2f * seq/max(seq) + %.2f * (cos(last item)+1)/2, decay %.1f "
                    + "(both tuned on validation)",
                SEQ_WEIGHTS[bestSeqBlend % SEQ_WEIGHTS.length],
                1 - SEQ_WEIGHTS[bestSeqBlend % SEQ_WEIGHTS.length],
                DECAYS[bestSeqBlend / SEQ_WEIGHTS.length]),
            String.format(
                "SASRec-style model: %s; epoch %d of %d kept (best validation HR@10 %.4f); training %.1f s, "
                    + "peak heap %,d MiB, peak resident memory %s",
                seqSettings,
                seq.result().bestEpoch(),
                seq.result().epochs().size(),
                seq.result().epochs().isEmpty()
                    ? Double.NaN
                    : seq.result().epochs().get(seq.result().bestEpoch() - 1).validation(),
                seq.result().trainMillis() / 1000.0,
                seq.peakHeapMiB(),
                seq.peakResident()),
            "SASRec-style model, one shopper scored over all items (plain Java forward): "
                + seq.latency(),
            modelBlendNote("SASRec-style", "softmax/max(softmax)", bestModelBlend),
            String.format(
                "linear next-item: %s; solved in %.1f s, peak resident memory %s after it",
                linearSettings, linMillis / 1000.0, linResident),
            modelBlendNote("linear", "linear/max(linear)", bestLinBlend),
            String.format(
                "blend seq-kNN + SASRec-style + linear = %.1f * seq/max(seq) + %.1f * softmax/max(softmax) "
                    + "+ %.1f * linear/max(linear), decay %.1f (all tuned on validation)",
                triple[0], triple[1], triple[2], DECAYS[bestTriple / TRIPLES.length]),
            String.format(
                "blend seq-kNN + SASRec-style + linear + item2vec = %.1f * seq/max(seq) + %.1f *"
                    + " softmax/max(softmax) + %.1f * linear/max(linear) + %.1f * (cos(last item)+1)/2,"
                    + " decay %.1f (all tuned on validation; the three-way blend is its item2vec"
                    + " weight 0)",
                quadTriple[0],
                quadTriple[1],
                quadTriple[2],
                ITEM2VEC_WEIGHTS[bestQuad % ITEM2VEC_WEIGHTS.length],
                DECAYS[bestQuad / (TRIPLES.length * ITEM2VEC_WEIGHTS.length)]));
    EvalTable t =
        new EvalTable(rows, users, n, WEIGHTS[best], System.currentTimeMillis() - start, notes);
    return t;
  }

  /**
   * The note for a blend of the sequential kNN with one model's scores, {@code best} indexing the
   * {@link #DECAYS} x {@link #MODEL_WEIGHTS} grid it was chosen from.
   */
  private static String modelBlendNote(String model, String scaled, int best) {
    double w = MODEL_WEIGHTS[best % MODEL_WEIGHTS.length];
    return String.format(
        "blend seq-kNN + %s = %.1f * seq/max(seq) + %.1f * %s, decay %.1f (both tuned on validation)",
        model, w, 1 - w, scaled, DECAYS[best / MODEL_WEIGHTS.length]);
  }

  /** The trained sequential model, with what training cost. */
  private record Training(
      SeqRecTrainer.Result result, long peakHeapMiB, String peakResident, String latency) {}

  /**
   * Shoppers timed one by one through {@link io.reasonflow.features.seqrec.SeqRecModel#score} (the
   * serving path).
   */
  private static final int LATENCY_SHOPPERS = 2000;

  /**
   * p50 / p99 / max of scoring one shopper's test history, after a warm-up pass over the same
   * shoppers.
   */
  private static String latency(
      io.reasonflow.features.seqrec.SeqRecModel model, List<Split> splits) {
    List<List<String>> histories =
        splits.stream()
            .limit(LATENCY_SHOPPERS)
            .map(sp -> sp.forTest().events().stream().map(Event::itemId).toList())
            .toList();
    histories.forEach(model::score);
    long[] nanos = new long[histories.size()];
    for (int k = 0; k < nanos.length; k++) {
      long t0 = System.nanoTime();
      model.score(histories.get(k));
      nanos[k] = System.nanoTime() - t0;
    }
    java.util.Arrays.sort(nanos);
    return nanos.length == 0
        ? "n/a"
        : String.format(
            "p50 %.2f ms, p99 %.2f ms, max %.2f ms over %,d shoppers",
            nanos[nanos.length / 2] / 1e6,
            nanos[(int) (nanos.length * 0.99)] / 1e6,
            nanos[nanos.length - 1] / 1e6,
            nanos.length);
  }

  /**
   * Trains the sequential model on the training sequences, keeping the epoch with the best
   * validation HR@10 (the curve is drawn to {@link #plot}), and measures its peak memory.
   */
  private Training trainSequentialModel(
      List<int[]> sequences,
      List<String> itemIds,
      List<Split> splits,
      Scorer scorer,
      SeqRecSettings settings) {
    for (java.lang.management.MemoryPoolMXBean pool :
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    SeqRecTrainer.Result r =
        SeqRecTrainer.train(
            sequences,
            itemIds,
            settings,
            model -> {
              long hits = 0;
              for (int from = 0; from < splits.size(); from += CHUNK) {
                List<Split> chunk = splits.subList(from, Math.min(splits.size(), from + CHUNK));
                float[][] val =
                    model.scoreIndices(chunk.stream().map(scorer::validationInput).toList());
                hits +=
                    IntStream.range(0, chunk.size())
                        .parallel()
                        .filter(k -> scorer.validationRank(chunk.get(k), val[k]) < 10)
                        .count();
              }
              return hits / (double) splits.size();
            },
            NextItemEvaluator::log);
    long heap = 0;
    for (java.lang.management.MemoryPoolMXBean pool :
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        heap += pool.getPeakUsage().getUsed();
      }
    }
    if (plot != null && !r.epochs().isEmpty()) {
      ValidationCurve.write(plot, "Sequential model: validation HR@10 by epoch", r.epochs());
      log("validation curve drawn to %s", plot);
    }
    String latency = latency(r.model(), splits);
    log("one-shopper scoring: %s", latency);
    return new Training(r, heap >> 20, peakResident(), latency);
  }

  /**
   * The process's peak resident set (heap and ND4J's off-heap arrays), from Linux's /proc; "n/a"
   * elsewhere.
   */
  private static String peakResident() {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format("%,d MiB", kb >> 10);
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux: say so rather than guess
    }
    return "n/a";
  }

  private static int bestOnValidation(double[][][] sums, int from, int count) {
    int best = 0;
    for (int k = 1; k < count; k++) {
      if (sums[from + k][0][1] > sums[from + best][0][1]) {
        best = k;
      }
    }
    return best;
  }

  private static EvalTable.Row row(String name, double[][] sum, int users) {
    return new EvalTable.Row(name, sum[1][0] / users, sum[1][1] / users, sum[0][1] / users);
  }

  private static double[][][] add(double[][][] a, double[][][] b) {
    double[][][] r = new double[a.length][2][2];
    for (int m = 0; m < a.length; m++) {
      for (int x = 0; x < 2; x++) {
        for (int y = 0; y < 2; y++) {
          r[m][x][y] = a[m][x][y] + b[m][x][y];
        }
      }
    }
    return r;
  }

  private record Split(
      UserHistory forValidation, UserHistory forTest, int validationTarget, int testTarget) {}

  /** Scores every item for one user and turns the targets' ranks into HR@10 and NDCG@10. */
  private static final class Scorer {
    private final int n;
    private final Map<String, Integer> index;
    private final int[] popularity;
    private final Map<String, List<io.reasonflow.common.model.CoView>> neighbours;
    private final float[][] vec;
    private final Transitions transitions;
    private final LinearNextItem linear;
    private final FeatureSettings s;

    Scorer(
        int n,
        Map<String, Integer> index,
        int[] popularity,
        Map<String, List<io.reasonflow.common.model.CoView>> neighbours,
        float[][] vec,
        Transitions transitions,
        LinearNextItem linear,
        FeatureSettings s) {
      this.n = n;
      this.index = index;
      this.popularity = popularity;
      this.neighbours = neighbours;
      this.vec = vec;
      this.transitions = transitions;
      this.linear = linear;
      this.s = s;
    }

    /**
     * The sequential model's input for the validation target: the training events' items, oldest
     * first.
     */
    int[] validationInput(Split split) {
      return split.forValidation().events().stream().mapToInt(e -> index.get(e.itemId())).toArray();
    }

    /** ... and for the test target: the validation event too. */
    int[] testInput(Split split) {
      return split.forTest().events().stream().mapToInt(e -> index.get(e.itemId())).toArray();
    }

    /**
     * Rank of the validation target under {@code scores}, with the protocol's exclusions and
     * tie-breaking.
     */
    int validationRank(Split split, float[] scores) {
      double[] sc = new double[n];
      for (int c = 0; c < n; c++) {
        sc[c] = scores[c];
      }
      return rank(
          sc, split.validationTarget(), excluded(split.forValidation(), split.validationTarget()));
    }

    private boolean[] excluded(UserHistory h, int target) {
      boolean[] excluded = new boolean[n];
      for (String i : h.distinctItems()) {
        excluded[index.get(i)] = true;
      }
      excluded[target] = false;
      return excluded;
    }

    /**
     * @param modelVal the sequential model's scores for the validation input, {@code modelTest} for
     *     the test's
     */
    double[][][] score(Split split, float[] modelVal, float[] modelTest) {
      double[][][] out = new double[SLOTS][2][2];
      for (int phase = 0; phase < 2; phase++) {
        UserHistory h = phase == 0 ? split.forValidation() : split.forTest();
        int target = phase == 0 ? split.validationTarget() : split.testTarget();
        boolean[] excluded = excluded(h, target);
        float[] logits = phase == 0 ? modelVal : modelTest;
        double maxLogit = Double.NEGATIVE_INFINITY;
        for (float x : logits) {
          maxLogit = Math.max(maxLogit, x);
        }
        double[] model = new double[n];
        for (int c = 0; c < n; c++) {
          model[c] = Math.exp(logits[c] - maxLogit); // softmax / its max, in (0, 1]
        }
        record(out[MODEL][phase], rank(model, target, excluded));
        double[] lin = new double[n];
        linear.addScores(phase == 0 ? validationInput(split) : testInput(split), lin);
        record(out[LINEAR][phase], rank(lin, target, excluded));
        double maxLin = 0;
        for (double x : lin) {
          maxLin = Math.max(maxLin, x);
        }
        UserProfile p =
            Profiles.build(h, this::vector, s.dim(), 0, s.recentItems(), s.halfLifeMs());
        double[] pop = new double[n];
        double[] knn = new double[n];
        double[] cos = new double[n];
        double[] last = new double[n];
        for (int c = 0; c < n; c++) {
          pop[c] = popularity[c];
        }
        for (Anchor a : p.recent()) {
          for (io.reasonflow.common.model.CoView cv :
              neighbours.getOrDefault(a.itemId(), List.of())) {
            knn[index.get(cv.itemId())] += cv.score();
          }
        }
        float[] lastVec = vec[index.get(p.recent().get(0).itemId())];
        for (int c = 0; c < n; c++) {
          cos[c] = vec[c] == null ? -1 : dot(p.vector(), vec[c]);
          last[c] = vec[c] == null || lastVec == null ? -1 : dot(lastVec, vec[c]);
        }
        double[][] methods = {pop, knn, cos, last};
        for (int m = 0; m < 4; m++) {
          record(out[m][phase], rank(methods[m], target, excluded));
        }
        double maxKnn = 0;
        for (double x : knn) {
          maxKnn = Math.max(maxKnn, x);
        }
        double[] blend = new double[n];
        double[] quad = new double[n];
        for (int w = 0; w < WEIGHTS.length; w++) {
          for (int c = 0; c < n; c++) {
            blend[c] =
                WEIGHTS[w] * (maxKnn > 0 ? knn[c] / maxKnn : 0)
                    + (1 - WEIGHTS[w]) * (cos[c] + 1) / 2;
          }
          record(out[BLEND + w][phase], rank(blend, target, excluded));
        }
        List<Integer> anchors = newestDistinct(h);
        double[] seq = new double[n];
        for (int d = 0; d < DECAYS.length; d++) {
          java.util.Arrays.fill(seq, 0);
          double weight = 1;
          for (int a : anchors) {
            transitions.addScores(a, weight, seq);
            weight *= DECAYS[d];
          }
          record(out[SEQ + d][phase], rank(seq, target, excluded));
          double maxSeq = 0;
          for (double x : seq) {
            maxSeq = Math.max(maxSeq, x);
          }
          for (int w = 0; w < SEQ_WEIGHTS.length; w++) {
            double sw = SEQ_WEIGHTS[w];
            for (int c = 0; c < n; c++) {
              blend[c] = sw * (maxSeq > 0 ? seq[c] / maxSeq : 0) + (1 - sw) * (last[c] + 1) / 2;
            }
            record(
                out[SEQ_BLEND + d * SEQ_WEIGHTS.length + w][phase], rank(blend, target, excluded));
          }
          for (int w = 0; w < MODEL_WEIGHTS.length; w++) {
            double sw = MODEL_WEIGHTS[w];
            for (int c = 0; c < n; c++) {
              blend[c] = sw * (maxSeq > 0 ? seq[c] / maxSeq : 0) + (1 - sw) * model[c];
            }
            record(
                out[MODEL_BLEND + d * MODEL_WEIGHTS.length + w][phase],
                rank(blend, target, excluded));
          }
          for (int w = 0; w < MODEL_WEIGHTS.length; w++) {
            double sw = MODEL_WEIGHTS[w];
            for (int c = 0; c < n; c++) {
              blend[c] =
                  sw * (maxSeq > 0 ? seq[c] / maxSeq : 0)
                      + (1 - sw) * (maxLin > 0 ? lin[c] / maxLin : 0);
            }
            record(
                out[LINEAR_BLEND + d * MODEL_WEIGHTS.length + w][phase],
                rank(blend, target, excluded));
          }
          for (int w = 0; w < TRIPLES.length; w++) {
            double[] abc = TRIPLES[w];
            for (int c = 0; c < n; c++) {
              blend[c] =
                  abc[0] * (maxSeq > 0 ? seq[c] / maxSeq : 0)
                      + abc[1] * model[c]
                      + abc[2] * (maxLin > 0 ? lin[c] / maxLin : 0);
            }
            record(out[TRIPLE + d * TRIPLES.length + w][phase], rank(blend, target, excluded));
            for (int v = 0; v < ITEM2VEC_WEIGHTS.length; v++) {
              for (int c = 0; c < n; c++) {
                quad[c] = blend[c] + ITEM2VEC_WEIGHTS[v] * (last[c] + 1) / 2;
              }
              record(
                  out[QUAD + (d * TRIPLES.length + w) * ITEM2VEC_WEIGHTS.length + v][phase],
                  rank(quad, target, excluded));
            }
          }
        }
      }
      return out;
    }

    /**
     * The newest {@link #SEQ_ANCHORS} distinct items of the history, newest first (in history
     * order).
     */
    private List<Integer> newestDistinct(UserHistory h) {
      List<Integer> out = new ArrayList<>();
      List<io.reasonflow.common.model.Event> ev = h.events();
      for (int k = ev.size() - 1; k >= 0 && out.size() < SEQ_ANCHORS; k--) {
        int i = index.get(ev.get(k).itemId());
        if (!out.contains(i)) {
          out.add(i);
        }
      }
      return out;
    }

    private float[] vector(String item) {
      Integer i = index.get(item);
      return i == null ? null : vec[i];
    }

    private int rank(double[] score, int target, boolean[] excluded) {
      double t = score[target];
      int above = 0;
      for (int c = 0; c < n; c++) {
        if (c == target || excluded[c]) {
          continue;
        }
        double x = score[c];
        if (x > t
            || x == t
                && (popularity[c] > popularity[target]
                    || popularity[c] == popularity[target] && c < target)) {
          above++;
        }
      }
      return above;
    }

    private static void record(double[] hrNdcg, int rank) {
      if (rank < 10) {
        hrNdcg[0] += 1;
        hrNdcg[1] += 1 / (Math.log(rank + 2) / Math.log(2));
      }
    }

    private static double dot(float[] a, float[] b) {
      double r = 0;
      for (int i = 0; i < a.length; i++) {
        r += (double) a[i] * b[i];
      }
      return r;
    }
  }

  private static void log(String format, Object... args) {
    LOG.info(String.format(format, args));
  }

  private static void log(String line) {
    LOG.info(line);
  }
}
