package io.reasonflow.reasons.candidates;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.model.VectorMath;
import io.reasonflow.common.seqrec.NextItemScorer;
import io.reasonflow.common.seqrec.SeqRecScorer;
import io.reasonflow.reasons.ReasonSettings;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;

/**
 * Finds a shopper's top-k: neighbours of the recent items (their co-view neighbours and their
 * vector neighbours) and the items nearest the shopper's vector, minus everything the shopper has
 * seen; scored, optionally boosted towards the long tail, and diversified with {@link Mmr}.
 *
 * <p>Score: the sum of contributions, where an anchor at recency position i (0 = newest) weighs
 * 1/(1+i), a co-view neighbour contributes weight x co-view score (cosine over shoppers), a vector
 * neighbour weight x cosine, and a neighbour of the user vector its cosine. Items reached several
 * ways score higher. With a sequential model ({@link #withSequenceModel}) its next-item softmax is
 * a further source and is blended into every score; so, after it, are the next-item model's scores
 * (linear model + sequential kNN, {@link #withNextItemModel}).
 */
public final class CandidateGenerator {
  /**
   * Candidates returned per recommendation slot; greedy MMR keeps the first k the same whatever the
   * depth.
   */
  static final int RESERVE_FACTOR = 4;

  /** The {@link Candidate#via()} of an item the sequential model proposed. */
  public static final String SEQUENCE = "sequence";

  /** The {@link Candidate#via()} of an item the next-item model proposed. */
  public static final String NEXT_ITEM = "next-item";

  private final ItemCatalog catalog;
  private final SimilarItems similar;
  private final PopularityScale popularity;
  private final CandidateSettings settings;
  private final SeqRecScorer sequence;
  private final double sequenceWeight;
  private final NextItemScorer nextItem;
  private final double nextItemWeight;
  private final NextItemScorer.Blend nextItemBlend;

  public CandidateGenerator(
      ItemCatalog catalog,
      SimilarItems similar,
      PopularityScale popularity,
      CandidateSettings settings) {
    this(catalog, similar, popularity, settings, null, 0, null, 0, null);
  }

  private CandidateGenerator(
      ItemCatalog catalog,
      SimilarItems similar,
      PopularityScale popularity,
      CandidateSettings settings,
      SeqRecScorer sequence,
      double sequenceWeight,
      NextItemScorer nextItem,
      double nextItemWeight,
      NextItemScorer.Blend nextItemBlend) {
    this.catalog = catalog;
    this.similar = similar;
    this.popularity = popularity;
    this.settings = settings;
    this.sequence = sequence;
    this.sequenceWeight = sequenceWeight;
    this.nextItem = nextItem;
    this.nextItemWeight = nextItemWeight;
    this.nextItemBlend = nextItemBlend;
  }

  /**
   * This generator with {@code models} blended in at {@code weights}: {@code
   * reasons.candidates.sequence-weight} for the network, {@code
   * reasons.candidates.next-item-weight}, {@code -knn-weight} and {@code -knn-decay} for the
   * next-item model.
   */
  public CandidateGenerator withModels(
      CandidateModels models, ReasonSettings.ModelWeights weights) {
    return withSequenceModel(models.sequence(), weights.sequenceWeight())
        .withNextItemModel(models.nextItem(), weights.nextItemWeight(), weights.nextItem());
  }

  /**
   * This generator with the next-item model (linear model + sequential kNN, blended as {@code
   * blend} says) as a further source: its {@code perAnchor} best unseen catalogue items join the
   * pool (via {@value #NEXT_ITEM}), and every candidate's score becomes {@code (1 - weight) *
   * score/max(score) + weight * next/max(next)} (after the network's blend, if any). At weight 1
   * the pool is ranked by the model alone, as eval-recs ranks it. A null model or weight 0 changes
   * nothing.
   */
  public CandidateGenerator withNextItemModel(
      NextItemScorer model, double weight, NextItemScorer.Blend blend) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("next-item weight must be in [0, 1]: " + weight);
    }
    return new CandidateGenerator(
        catalog,
        similar,
        popularity,
        settings,
        sequence,
        sequenceWeight,
        model,
        weight,
        java.util.Objects.requireNonNull(blend, "blend"));
  }

  /**
   * This generator with another next-item model (a newly published one) at the weight and blend it
   * has; {@link #withModels} must have set them.
   */
  public CandidateGenerator withNextItemModel(NextItemScorer model) {
    if (nextItemBlend == null) {
      throw new IllegalStateException("no next-item weights: build the generator withModels");
    }
    return withNextItemModel(model, nextItemWeight, nextItemBlend);
  }

  /** The next-item model blended in, or null for none. */
  public NextItemScorer nextItemModel() {
    return nextItem;
  }

  /**
   * This generator with the sequential next-item model as a further source: its {@code perAnchor}
   * best unseen items join the pool (via {@value #SEQUENCE}), and every candidate's score becomes
   * {@code (1 - weight) * score/max(score) + weight * p/max(p)}, p the model's softmax over the
   * catalogue, the form {@code eval-recs} blends it in (with the weight it chose on the validation
   * item). A null model or weight 0 changes nothing.
   */
  public CandidateGenerator withSequenceModel(SeqRecScorer model, double weight) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("sequence weight must be in [0, 1]: " + weight);
    }
    return new CandidateGenerator(
        catalog,
        similar,
        popularity,
        settings,
        model,
        weight,
        nextItem,
        nextItemWeight,
        nextItemBlend);
  }

  public List<Candidate> generate(UserProfile profile) {
    Set<String> seen = new HashSet<>(profile.seenItems());
    profile.recent().forEach(a -> seen.add(a.itemId()));
    Map<String, Accumulator> pool = new LinkedHashMap<>();
    List<Anchor> anchors =
        profile.recent().subList(0, Math.min(settings.anchors(), profile.recent().size()));
    for (int i = 0; i < anchors.size(); i++) {
      addAnchorNeighbours(anchors.get(i).itemId(), 1.0 / (1 + i), seen, pool);
    }
    if (hasSignal(profile.vector())) {
      for (Neighbour n : similar.nearest(profile.vector(), settings.perAnchor(), seen)) {
        add(pool, n.itemId(), Math.max(0, n.score()), "user-vector");
      }
    }
    if (sequence != null && sequenceWeight > 0 && !profile.recent().isEmpty()) {
      blendSequence(profile, seen, pool);
    }
    if (nextItem != null && nextItemWeight > 0 && !profile.recent().isEmpty()) {
      blendNextItem(profile, seen, pool);
    }
    List<Candidate> scored = new ArrayList<>();
    pool.forEach((id, acc) -> scored.add(new Candidate(id, boosted(id, acc.score), acc.via)));
    scored.sort(
        Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::itemId));
    // A reserve beyond top-k: the recommender drops candidates it cannot explain truthfully and
    // fills up from here.
    return Mmr.select(
        scored, settings.topK() * RESERVE_FACTOR, settings.mmrLambda(), similarityAmong(scored));
  }

  /**
   * Adds the model's best unseen items to the pool and blends its softmax into every score. The
   * history is the profile's recent items, oldest first (the model reads the order).
   */
  private void blendSequence(UserProfile profile, Set<String> seen, Map<String, Accumulator> pool) {
    List<String> history = new ArrayList<>(profile.recent().size());
    for (int i = profile.recent().size() - 1; i >= 0; i--) {
      history.add(profile.recent().get(i).itemId());
    }
    float[] logits = sequence.score(history);
    List<String> ids = sequence.itemIds();
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    Map<String, Double> p = new HashMap<>();
    double sum = 0;
    // the model's best unseen catalogue items, by a partial selection (perAnchor of ~10^4 items)
    java.util.PriorityQueue<Integer> top =
        new java.util.PriorityQueue<>(Comparator.comparingDouble(i -> logits[i]));
    for (int i = 0; i < logits.length; i++) {
      sum += Math.exp(logits[i] - max);
      String id = ids.get(i);
      if (seen.contains(id) || !catalog.contains(id)) {
        continue;
      }
      if (top.size() < settings.perAnchor()) {
        top.add(i);
      } else if (logits[i] > logits[top.peek()]) {
        top.poll();
        top.add(i);
      }
    }
    for (int i : top) {
      pool.computeIfAbsent(ids.get(i), x -> new Accumulator()).via.add(SEQUENCE);
    }
    double bestProbability = 0;
    for (String id : pool.keySet()) {
      int i = sequence.indexOf(id);
      double pi = i < 0 ? 0 : Math.exp(logits[i] - max) / sum;
      p.put(id, pi);
      bestProbability = Math.max(bestProbability, pi);
    }
    double bestScore = 0;
    for (Accumulator acc : pool.values()) {
      bestScore = Math.max(bestScore, acc.score);
    }
    for (Map.Entry<String, Accumulator> e : pool.entrySet()) {
      double base = bestScore > 0 ? e.getValue().score / bestScore : 0;
      double seq = bestProbability > 0 ? p.get(e.getKey()) / bestProbability : 0;
      e.getValue().score = (1 - sequenceWeight) * base + sequenceWeight * seq;
    }
  }

  /**
   * Adds the next-item model's best unseen items to the pool and blends its scores into every
   * score. The history is the profile's recent items, oldest first.
   */
  private void blendNextItem(UserProfile profile, Set<String> seen, Map<String, Accumulator> pool) {
    List<String> history = new ArrayList<>(profile.recent().size());
    for (int i = profile.recent().size() - 1; i >= 0; i--) {
      history.add(profile.recent().get(i).itemId());
    }
    double[] scores = nextItem.score(history, nextItemBlend);
    List<String> ids = nextItem.itemIds();
    java.util.PriorityQueue<Integer> top =
        new java.util.PriorityQueue<>(Comparator.comparingDouble(i -> scores[i]));
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] <= 0) {
        continue;
      }
      String id = ids.get(i);
      if (seen.contains(id) || !catalog.contains(id)) {
        continue;
      }
      if (top.size() < settings.perAnchor()) {
        top.add(i);
      } else if (scores[i] > scores[top.peek()]) {
        top.poll();
        top.add(i);
      }
    }
    for (int i : top) {
      pool.computeIfAbsent(ids.get(i), x -> new Accumulator()).via.add(NEXT_ITEM);
    }
    double bestNext = 0;
    double bestScore = 0;
    for (Map.Entry<String, Accumulator> e : pool.entrySet()) {
      int i = nextItem.indexOf(e.getKey());
      bestNext = Math.max(bestNext, i < 0 ? 0 : scores[i]);
      bestScore = Math.max(bestScore, e.getValue().score);
    }
    for (Map.Entry<String, Accumulator> e : pool.entrySet()) {
      int i = nextItem.indexOf(e.getKey());
      double base = bestScore > 0 ? e.getValue().score / bestScore : 0;
      double next = bestNext > 0 && i >= 0 ? scores[i] / bestNext : 0;
      e.getValue().score = (1 - nextItemWeight) * base + nextItemWeight * next;
    }
  }

  private void addAnchorNeighbours(
      String anchorId, double weight, Set<String> seen, Map<String, Accumulator> pool) {
    catalog
        .get(anchorId)
        .ifPresent(
            anchor -> {
              int taken = 0;
              for (CoView cv : anchor.coViews()) {
                if (taken == settings.perAnchor()) {
                  break;
                }
                if (!seen.contains(cv.itemId()) && catalog.contains(cv.itemId())) {
                  add(pool, cv.itemId(), weight * cv.score(), "coview:" + anchorId);
                  taken++;
                }
              }
            });
    for (Neighbour n : similar.similarItems(anchorId, settings.perAnchor(), seen)) {
      if (catalog.contains(n.itemId())) {
        add(pool, n.itemId(), weight * Math.max(0, n.score()), "similar:" + anchorId);
      }
    }
  }

  private static void add(Map<String, Accumulator> pool, String id, double score, String via) {
    Accumulator acc = pool.computeIfAbsent(id, x -> new Accumulator());
    acc.score += score;
    acc.via.add(via);
  }

  private double boosted(String itemId, double score) {
    if (settings.longTailBoost() == 0) {
      return score;
    }
    int shoppers = catalog.get(itemId).map(ItemFeatures::shoppers).orElse(0);
    return score * (1 + settings.longTailBoost() * (1 - popularity.percentile(shoppers)));
  }

  /**
   * Cosine between two of {@code pool}'s items, 0 when either is not in the catalogue. MMR asks for
   * it k x pool times, so the vectors are looked up once, into a map of the pool's size: probing
   * the catalogue's map each time cost more than the cosine.
   */
  private ToDoubleBiFunction<String, String> similarityAmong(List<Candidate> pool) {
    Map<String, float[]> vectors = new HashMap<>();
    for (Candidate c : pool) {
      catalog.get(c.itemId()).ifPresent(f -> vectors.put(c.itemId(), f.vector()));
    }
    return (a, b) -> {
      float[] va = vectors.get(a);
      float[] vb = vectors.get(b);
      return va == null || vb == null ? 0.0 : VectorMath.cosine(va, vb);
    };
  }

  private static boolean hasSignal(float[] v) {
    for (float x : v) {
      if (x != 0) {
        return true;
      }
    }
    return false;
  }

  private static final class Accumulator {
    double score;
    final List<String> via = new ArrayList<>();
  }
}
