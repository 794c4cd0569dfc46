package io.reasonflow.reasons.aspects;

import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.EventFileReader;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.ReadStats;
import io.reasonflow.common.model.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Review aspects of a catalogue: every review with text, the aspect-opinion mentions mined from it
 * ({@link AspectMiner}, over a lexicon grown from these same reviews), and per item the count of
 * reviewers praising and complaining of each aspect, with the praising reviews' ids. Immutable once
 * built; read-only afterwards, so threads may share it.
 */
public final class ReviewAspects {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewAspects.class);

  /** Least reviews an aspect of the lexicon needs across the corpus (see {@link AspectLexicon}). */
  public static final int DEFAULT_MIN_REVIEWS = 10;

  private final AspectLexicon lexicon;
  private final Map<String, Review> reviews; // by id
  private final Map<String, List<Mention>> mentions; // by review id
  private final Map<String, List<String>> reviewsOfItem; // item -> review ids, sorted
  private final Map<String, List<AspectCount>> byItem; // most praised first
  private final Map<String, List<String>> productNouns; // item -> what its reviewers call it

  private ReviewAspects(AspectLexicon lexicon, Map<String, Review> reviews, AspectMiner miner) {
    this.lexicon = lexicon;
    this.reviews = Map.copyOf(reviews);
    Map<String, List<Mention>> m = new HashMap<>();
    Map<String, List<String>> ofItem = new TreeMap<>();
    for (Review r : reviews.values()) {
      ofItem.computeIfAbsent(r.itemId(), k -> new ArrayList<>()).add(r.id());
    }
    ofItem.values().forEach(l -> l.sort(null));
    Map<String, List<String>> types = new HashMap<>();
    for (var e : ofItem.entrySet()) {
      List<String> texts = e.getValue().stream().map(id -> reviews.get(id).text()).toList();
      List<String> named = ProductNouns.of(texts);
      types.put(e.getKey(), named);
      for (String id : e.getValue()) {
        // what reviewers call the item itself ("these speakers", "this strap lock") is the
        // product, not an aspect of it: "great speakers" praises the item as a whole
        m.put(
            id,
            miner.mine(reviews.get(id).text()).stream()
                .filter(x -> !ProductNouns.names(named, x.aspect()))
                .toList());
      }
    }
    this.productNouns = Map.copyOf(types);
    this.mentions = Map.copyOf(m);
    this.reviewsOfItem = Map.copyOf(ofItem);
    Map<String, List<AspectCount>> items = new HashMap<>();
    for (var e : ofItem.entrySet()) {
      items.put(e.getKey(), aggregate(e.getValue()));
    }
    this.byItem = Map.copyOf(items);
  }

  /** Builds the store from reviews, growing the lexicon from their texts. */
  public static ReviewAspects build(Collection<Review> reviews, int minReviews) {
    OpinionLexicon opinions = OpinionLexicon.english();
    AspectLexicon lexicon =
        AspectLexicon.grow(reviews.stream().map(Review::text).toList(), opinions, minReviews);
    return build(reviews, lexicon, opinions);
  }

  /** Builds the store over a given lexicon. */
  public static ReviewAspects build(
      Collection<Review> reviews, AspectLexicon lexicon, OpinionLexicon opinions) {
    Map<String, Review> byId = new LinkedHashMap<>();
    for (Review r : reviews) {
      byId.merge(
          r.id(), r, (a, b) -> b); // a shopper's later review of the item replaces the earlier
    }
    return new ReviewAspects(lexicon, byId, new AspectMiner(lexicon, opinions));
  }

  /**
   * Reads the events with review text under {@code input} (any format the event readers take; lines
   * they reject are counted and logged, as dead letters, and left out).
   */
  public static ReviewAspects read(Path input, EventSchema schema, int minReviews) {
    List<Review> reviews = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>();
    ReadStats stats =
        new EventFileReader(schema)
            .read(
                input,
                (Event e) -> {
                  if (e.text() != null) {
                    reviews.add(Review.of(e.userId(), e.itemId(), e.text()));
                  }
                },
                dead::add);
    if (!dead.isEmpty()) {
      LOG.warn(
          "{}: {} lines rejected reading review text, first: {}", input, dead.size(), dead.get(0));
    }
    ReviewAspects out = build(reviews, minReviews);
    LOG.info(
        "review aspects: {} reviews with text of {} lines, {} aspects in the lexicon, {} items",
        reviews.size(),
        stats,
        out.lexicon.size(),
        out.reviewsOfItem.size());
    return out;
  }

  private List<AspectCount> aggregate(List<String> reviewIds) {
    Map<String, Set<String>> praise = new TreeMap<>();
    Map<String, Set<String>> complain = new TreeMap<>();
    Map<String, Set<String>> praiseIds = new TreeMap<>();
    for (String id : reviewIds) {
      Review r = reviews.get(id);
      for (var e : net(mentions.get(id)).entrySet()) {
        if (e.getValue() > 0) {
          praise.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(r.userId());
          praiseIds.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(id);
        } else if (e.getValue() < 0) {
          complain.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(r.userId());
        }
      }
    }
    Set<String> all = new TreeSet<>(praise.keySet());
    all.addAll(complain.keySet());
    List<AspectCount> out = new ArrayList<>();
    for (String a : all) {
      out.add(
          new AspectCount(
              a,
              praise.getOrDefault(a, Set.of()).size(),
              complain.getOrDefault(a, Set.of()).size(),
              List.copyOf(praiseIds.getOrDefault(a, Set.of()))));
    }
    out.sort(
        Comparator.comparingInt(AspectCount::praising)
            .reversed()
            .thenComparingInt(AspectCount::complaining)
            .thenComparing(AspectCount::aspect));
    return List.copyOf(out);
  }

  /** A review's summed score per aspect. */
  static Map<String, Double> net(List<Mention> mentions) {
    Map<String, Double> net = new TreeMap<>();
    for (Mention m : mentions) {
      net.merge(m.aspect(), m.score(), Double::sum);
    }
    return net;
  }

  public AspectLexicon lexicon() {
    return lexicon;
  }

  /** The item's aspects, most praised first; empty for an item without reviews with text. */
  public List<AspectCount> aspects(String itemId) {
    return byItem.getOrDefault(itemId, List.of());
  }

  /** Distinct reviewers of the item with text. */
  public int reviewers(String itemId) {
    return reviewIds(itemId).size(); // ids are user/item: one per reviewer
  }

  /** The ids of the item's reviews with text, sorted. */
  public List<String> reviewIds(String itemId) {
    return reviewsOfItem.getOrDefault(itemId, List.of());
  }

  public Optional<Review> review(String reviewId) {
    return Optional.ofNullable(reviews.get(reviewId));
  }

  /** The mentions mined from one review (empty when unknown). */
  public List<Mention> mentions(String reviewId) {
    return mentions.getOrDefault(reviewId, List.of());
  }

  /** The aspects the shopper's own review of the item mentions, in either polarity, sorted. */
  public Set<String> aspectsWritten(String userId, String itemId) {
    Set<String> out = new TreeSet<>();
    mentions(Review.of(userId, itemId, "").id()).forEach(m -> out.add(m.aspect()));
    return out;
  }

  /**
   * What the item's reviewers call it ("these strings", "this tuner"), most used first; empty when
   * no word is used by enough of them ({@link ProductNouns}).
   */
  public List<String> productNouns(String itemId) {
    return productNouns.getOrDefault(itemId, List.of());
  }

  /** Every review, in no particular order (measurements). */
  public Collection<Review> reviews() {
    return reviews.values();
  }
}
