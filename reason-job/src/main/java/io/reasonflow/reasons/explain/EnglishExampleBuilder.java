package io.reasonflow.reasons.explain;

import io.reasonflow.common.Progress;
import io.reasonflow.reasons.aspects.AspectCount;
import io.reasonflow.reasons.aspects.AspectLexicon;
import io.reasonflow.reasons.aspects.AspectMiner;
import io.reasonflow.reasons.aspects.Mention;
import io.reasonflow.reasons.aspects.OpinionLexicon;
import io.reasonflow.reasons.aspects.ProductNouns;
import io.reasonflow.reasons.aspects.Review;
import io.reasonflow.reasons.aspects.ReviewAspects;
import io.reasonflow.reasons.aspects.ReviewText;
import io.reasonflow.reasons.explain.ExplanationExample.Neighbour;
import io.reasonflow.reasons.explain.ExplanationExample.Role;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * English explanation examples from Amazon reviews (the Instruments data): each review body is cut
 * into sentences ({@link ReviewText}); a sentence is an example when the Sentires-style miner
 * ({@link AspectMiner}) finds at least one aspect-opinion pair in it and it has {@value #MIN_WORDS}
 * to {@value #MAX_WORDS} words, kept whole. PETER cuts every sentence to its first 15 words; a cut
 * sentence is no sentence to learn or score against, so long ones are left out instead, and the
 * limit is 20 rather than 15 because this data is small: of 6,855 aspect-bearing sentences in the
 * 10,261 Instruments reviews, 3,664 have at most 15 words, 4,811 at most 20 (seed 14). Metrics
 * score whole sentences.
 *
 * <p>Leakage: the split is by review ({@link ReviewSplit}), and everything per item or per shopper
 * that goes into an example's inputs is learnt from training reviews only: the aspect lexicon, the
 * item's aspects and product type (the nouns its reviewers call it by, {@link ProductNouns}), the
 * co-review neighbours and the shopper's anchors. A held-out sentence's own features are read from
 * that sentence, as PETER reads them, with the training lexicon.
 *
 * <p>Opinions: an opinion the sentence flips against the word's own polarity (by a negator or by
 * "too") is written "not &lt;word&gt;", so that {@link #polarity} recovers the sentence's polarity.
 */
public final class EnglishExampleBuilder {
  /** Fewest words a sentence needs to be an explanation ("Great tone." is the shortest kept). */
  public static final int MIN_WORDS = 2;

  /** Most words (see the class comment for why not PETER's 15). */
  public static final int MAX_WORDS = 20;

  /** Nearest items and anchors per example. */
  public static final int NEIGHBOURS = 5;

  /** Aspects listed per neighbour. */
  public static final int NEIGHBOUR_ASPECTS = 5;

  private EnglishExampleBuilder() {}

  /** Reads {@code dir/reviews.jsonl.gz} and {@code dir/items.tsv.gz} and builds the examples. */
  public static ExplanationDataset read(Path dir, long seed, Consumer<String> progress) {
    DataFiles.Read<SourceReview> reviews = DataFiles.amazonReviews(dir.resolve("reviews.jsonl.gz"));
    progress.accept(
        reviews.rows().size() + " reviews read, " + reviews.skipped() + " malformed lines skipped");
    Map<String, CatalogueEntry> catalogue = DataFiles.catalogue(dir.resolve("items.tsv.gz"));
    return build(reviews.rows(), catalogue, seed, progress);
  }

  public static ExplanationDataset build(
      List<SourceReview> reviews,
      Map<String, CatalogueEntry> catalogue,
      long seed,
      Consumer<String> progress) {
    List<SourceReview> sorted = new ArrayList<>(reviews);
    sorted.sort(Comparator.comparing(SourceReview::reviewId));
    Map<String, Split> split = new HashMap<>();
    List<SourceReview> train = new ArrayList<>();
    for (SourceReview r : sorted) {
      Split s = ReviewSplit.of(r.reviewId(), seed);
      split.put(r.reviewId(), s);
      if (s == Split.TRAIN) {
        train.add(r);
      }
    }
    OpinionLexicon opinions = OpinionLexicon.english();
    AspectLexicon lexicon =
        AspectLexicon.grow(
            train.stream().map(SourceReview::text).toList(),
            opinions,
            ReviewAspects.DEFAULT_MIN_REVIEWS);
    ReviewAspects store =
        ReviewAspects.build(
            train.stream().map(r -> Review.of(r.userId(), r.itemId(), r.text())).toList(),
            lexicon,
            opinions);
    progress.accept(
        train.size() + " training reviews, " + lexicon.size() + " aspects in the lexicon");

    Set<String> items = new HashSet<>();
    sorted.forEach(r -> items.add(r.itemId()));
    Map<String, Item> known = new HashMap<>();
    for (String id : items) {
      known.put(id, item(id, store, catalogue.get(id)));
    }
    CoReviewNeighbours near = CoReviewNeighbours.of(train, NEIGHBOURS);
    Map<String, List<SourceReview>> byUser = new HashMap<>();
    for (SourceReview r : train) {
      byUser.computeIfAbsent(r.userId(), u -> new ArrayList<>()).add(r);
    }
    byUser
        .values()
        .forEach(
            l ->
                l.sort(
                    Comparator.comparingLong(SourceReview::time)
                        .reversed()
                        .thenComparing(SourceReview::itemId)));

    AspectMiner miner = new AspectMiner(lexicon, opinions);
    List<ExplanationExample> out = new ArrayList<>();
    long start = System.currentTimeMillis();
    int done = 0;
    for (SourceReview r : sorted) {
      Item item = known.get(r.itemId());
      List<Neighbour> neighbours = new ArrayList<>();
      for (String n : near.of(r.itemId())) {
        neighbours.add(known.get(n).as(Role.ITEM_NEIGHBOUR));
      }
      int anchors = 0;
      for (SourceReview a : byUser.getOrDefault(r.userId(), List.of())) {
        if (!a.itemId().equals(r.itemId()) && anchors < NEIGHBOURS) {
          neighbours.add(known.get(a.itemId()).as(Role.SHOPPER_ANCHOR));
          anchors++;
        }
      }
      Map<String, List<Mention>> bySentence = new LinkedHashMap<>();
      for (Mention m : miner.mine(r.text())) {
        if (!ProductNouns.names(item.nouns, m.aspect())) {
          bySentence.computeIfAbsent(m.sentence(), s -> new ArrayList<>()).add(m);
        }
      }
      Set<String> seen = new HashSet<>();
      for (ReviewText.Sentence s : ReviewText.sentences(r.text())) {
        List<Mention> ms = bySentence.get(s.text());
        int words = s.clauses().stream().mapToInt(List::size).sum();
        if (ms == null || words < MIN_WORDS || words > MAX_WORDS || !seen.add(s.text())) {
          continue;
        }
        Map<String, String> features = new LinkedHashMap<>();
        for (Mention m : ms) {
          features.putIfAbsent(m.aspect(), opinionWord(m, opinions));
        }
        out.add(
            new ExplanationExample(
                r.reviewId(),
                r.userId(),
                r.itemId(),
                r.rating(),
                s.text().replaceAll("\\s+", " "),
                List.copyOf(features.keySet()),
                List.copyOf(features.values()),
                item.type,
                item.attributes,
                neighbours,
                split.get(r.reviewId())));
      }
      if (++done % 2000 == 0) {
        progress.accept(Progress.line("reviews mined", done, sorted.size(), start));
      }
    }
    Map<String, List<String>> itemAspects = new HashMap<>();
    known.forEach((id, it) -> itemAspects.put(id, it.aspects));
    Set<String> types = new HashSet<>();
    Set<String> attributes = new HashSet<>();
    for (Item it : known.values()) {
      if (!it.type.isEmpty()) {
        types.add(it.type);
      }
      types.addAll(it.nouns);
      it.attributes.forEach(a -> attributes.add(a.toLowerCase(Locale.ROOT)));
    }
    progress.accept(out.size() + " example sentences from " + sorted.size() + " reviews");
    return new ExplanationDataset(
        "en", out, itemAspects, new ClaimVocabulary(lexicon.keys(), types, attributes));
  }

  /**
   * The polarity a stored opinion stands for: the opinion lexicon's, flipped by a leading "not "; 0
   * for a word the lexicon does not know.
   */
  public static int polarity(String opinion) {
    boolean flipped = opinion.startsWith("not ");
    String word = flipped ? opinion.substring(4) : opinion;
    List<String> words = List.of(word.split(" "));
    int p = OPINIONS.at(words, 0).map(OpinionLexicon.Opinion::polarity).orElse(0);
    return flipped ? -p : p;
  }

  private static final OpinionLexicon OPINIONS = OpinionLexicon.english();

  private static String opinionWord(Mention m, OpinionLexicon opinions) {
    int own =
        opinions
            .at(List.of(m.opinion().split(" ")), 0)
            .map(OpinionLexicon.Opinion::polarity)
            .orElse(m.polarity());
    return own == m.polarity() ? m.opinion() : "not " + m.opinion();
  }

  /** What training data says of one item. */
  private record Item(
      String id, String type, List<String> attributes, List<String> aspects, List<String> nouns) {
    Neighbour as(Role role) {
      return new Neighbour(
          id,
          role,
          type,
          attributes,
          aspects.subList(0, Math.min(NEIGHBOUR_ASPECTS, aspects.size())));
    }
  }

  /**
   * The item's product type: the noun its training reviewers call it by most, else its catalogue
   * category leaf as a singular noun phrase ("Instrument Cables": "instrument cable"), else "".
   * Attributes: brand and category leaf where the catalogue has them.
   */
  private static Item item(String id, ReviewAspects store, CatalogueEntry entry) {
    // a noun that is also an aspect ("this price is great") names a property, not the product
    List<String> nouns =
        store.productNouns(id).stream().filter(n -> !store.lexicon().keys().contains(n)).toList();
    String type = "";
    if (!nouns.isEmpty()) {
      type = nouns.get(0);
    } else if (entry != null && !entry.categoryLeaf().isEmpty()) {
      type = AspectLexicon.key(entry.categoryLeaf());
    }
    List<String> attributes = new ArrayList<>();
    if (entry != null && !entry.brand().isEmpty()) {
      attributes.add(entry.brand());
    }
    if (entry != null && !entry.categoryLeaf().isEmpty()) {
      attributes.add(entry.categoryLeaf());
    }
    Map<String, Integer> written = new TreeMap<>();
    for (AspectCount a : store.aspects(id)) {
      written.put(a.aspect(), a.praising() + a.complaining());
    }
    List<String> aspects =
        written.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .toList();
    return new Item(id, type, List.copyOf(attributes), aspects, nouns);
  }
}
