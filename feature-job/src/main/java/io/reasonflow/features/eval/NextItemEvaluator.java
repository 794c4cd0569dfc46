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
import io.reasonflow.features.core.UserHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Next-item evaluation on the standard protocol: per user (kept events in {@link UserHistory} order, at least 3),
 * the last event's item is the test target, the second last the validation target, the rest is training data. Every
 * model is trained on training events only, with the feature job's own code (co-view counts, item2vec, profiles).
 * For the validation target a user's input history is the training events; for the test target it also includes
 * the validation event. Ranking is over all items in the file; the user's history items are excluded except the
 * target itself (a repeat purchase can still be hit). Ties are broken by popularity, then by item order.
 *
 * <p>Methods: popularity (training shoppers); item-kNN (sum of co-view scores from the user's recent distinct items,
 * {@code features.profile.recent-items}); item2vec (cosine of the item vector with the user's profile vector); and a
 * blend {@code w * kNN/max(kNN) + (1-w) * (cos+1)/2} with {@code w} chosen on the validation targets.
 */
public final class NextItemEvaluator {
  private static final double[] WEIGHTS = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};

  public EvalTable evaluate(Config config, Path eventsFile) {
    long start = System.currentTimeMillis();
    FeatureSettings s = FeatureSettings.from(config);
    Map<String, List<Event>> byUser = new HashMap<>();
    new EventFileReader(EventSchemas.from(config)).read(eventsFile,
        e -> byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e), d -> { });

    Map<String, Integer> itemIndex = new HashMap<>();
    List<String> itemIds = new ArrayList<>();
    List<Split> splits = new ArrayList<>();
    List<UserHistory> train = new ArrayList<>();
    for (Map.Entry<String, List<Event>> u : new java.util.TreeMap<>(byUser).entrySet()) {
      UserHistory all = UserHistory.of(u.getKey(), u.getValue(), s.sessionGapMs(), s.sessionMaxItems());
      for (Event e : all.events()) {
        itemIndex.computeIfAbsent(e.itemId(), k -> {
          itemIds.add(k);
          return itemIds.size() - 1;
        });
      }
      List<Event> ev = all.events();
      if (ev.size() < 3) {
        train.add(all);
        continue;
      }
      UserHistory tr = UserHistory.of(u.getKey(), ev.subList(0, ev.size() - 2), s.sessionGapMs(),
          s.sessionMaxItems());
      UserHistory trVal = UserHistory.of(u.getKey(), ev.subList(0, ev.size() - 1), s.sessionGapMs(),
          s.sessionMaxItems());
      train.add(tr);
      splits.add(new Split(tr, trVal, itemIndex.get(ev.get(ev.size() - 2).itemId()),
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
    Map<String, List<io.reasonflow.common.model.CoView>> neighbours = CoViews.neighbours(pairCounts, shopperMap, 0);
    log("co-view: %,d pairs from training events", pairCounts.size());

    List<List<String>> corpus = new ArrayList<>();
    for (UserHistory h : train) {
      corpus.addAll(h.sequences(s.sequenceMode()));
    }
    Item2Vec.Result model = Item2Vec.train(corpus, s, NextItemEvaluator::log);
    log("item2vec: %,d vectors in %.1f s", model.vectors().size(), model.trainMillis() / 1000.0);
    float[][] vec = new float[n][];
    for (int i = 0; i < n; i++) {
      vec[i] = model.vectors().get(itemIds.get(i));
    }

    Scorer scorer = new Scorer(n, itemIndex, shoppers, neighbours, vec, s);
    // per split: [method][0 = validation, 1 = test] -> {hr, ndcg}; blend per weight
    double[][][] sums = IntStream.range(0, splits.size()).parallel()
        .mapToObj(k -> scorer.score(splits.get(k)))
        .reduce(new double[4 + WEIGHTS.length][2][2], NextItemEvaluator::add, NextItemEvaluator::add);
    int users = splits.size();
    int best = 0;
    for (int w = 1; w < WEIGHTS.length; w++) {
      if (sums[4 + w][0][1] > sums[4 + best][0][1]) {
        best = w;
      }
    }
    String[] names = {"popularity", "co-view item-kNN", "item2vec (profile)", "item2vec (last item)"};
    List<EvalTable.Row> rows = new ArrayList<>();
    for (int m = 0; m < 4; m++) {
      rows.add(new EvalTable.Row(names[m], sums[m][1][0] / users, sums[m][1][1] / users, sums[m][0][1] / users));
    }
    rows.add(new EvalTable.Row("blend kNN + item2vec", sums[4 + best][1][0] / users, sums[4 + best][1][1] / users,
        sums[4 + best][0][1] / users));
    EvalTable t = new EvalTable(rows, users, n, WEIGHTS[best], System.currentTimeMillis() - start);
    System.err.print(t.format());
    return t;
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

  private record Split(UserHistory forValidation, UserHistory forTest, int validationTarget, int testTarget) {}

  /** Scores every item for one user and turns the targets' ranks into HR@10 and NDCG@10. */
  private static final class Scorer {
    private final int n;
    private final Map<String, Integer> index;
    private final int[] popularity;
    private final Map<String, List<io.reasonflow.common.model.CoView>> neighbours;
    private final float[][] vec;
    private final FeatureSettings s;

    Scorer(int n, Map<String, Integer> index, int[] popularity,
        Map<String, List<io.reasonflow.common.model.CoView>> neighbours, float[][] vec, FeatureSettings s) {
      this.n = n;
      this.index = index;
      this.popularity = popularity;
      this.neighbours = neighbours;
      this.vec = vec;
      this.s = s;
    }

    double[][][] score(Split split) {
      double[][][] out = new double[4 + WEIGHTS.length][2][2];
      for (int phase = 0; phase < 2; phase++) {
        UserHistory h = phase == 0 ? split.forValidation() : split.forTest();
        int target = phase == 0 ? split.validationTarget() : split.testTarget();
        boolean[] excluded = new boolean[n];
        for (String i : h.distinctItems()) {
          excluded[index.get(i)] = true;
        }
        excluded[target] = false;
        UserProfile p = Profiles.build(h, this::vector, s.dim(), 0, s.recentItems(), s.halfLifeMs());
        double[] pop = new double[n];
        double[] knn = new double[n];
        double[] cos = new double[n];
        double[] last = new double[n];
        for (int c = 0; c < n; c++) {
          pop[c] = popularity[c];
        }
        for (Anchor a : p.recent()) {
          for (io.reasonflow.common.model.CoView cv : neighbours.getOrDefault(a.itemId(), List.of())) {
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
        for (int w = 0; w < WEIGHTS.length; w++) {
          for (int c = 0; c < n; c++) {
            blend[c] = WEIGHTS[w] * (maxKnn > 0 ? knn[c] / maxKnn : 0) + (1 - WEIGHTS[w]) * (cos[c] + 1) / 2;
          }
          record(out[4 + w][phase], rank(blend, target, excluded));
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
        if (x > t || x == t && (popularity[c] > popularity[target]
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
    System.err.println("[eval] " + String.format(format, args));
  }

  private static void log(String line) {
    System.err.println("[eval] " + line);
  }
}
