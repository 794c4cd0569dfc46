package io.reasonflow.reasons.explain;

import io.reasonflow.common.Progress;
import io.reasonflow.reasons.aspects.Mention;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Chinese explanation examples from the zh-shopping-reviews data ({@code category, label, review}):
 * each review is cut into sentences ({@link ChineseText}); a sentence of {@value #MIN_CHARS} to
 * {@value #MAX_CHARS} characters with at least one aspect-opinion pair ({@link ChineseAspectMiner}
 * over a lexicon grown from the training reviews) is an example.
 *
 * <p>The data has no shoppers or items: the user id is "", the item is the category (书籍, 酒店, ...),
 * which is also the product type; there are no attributes. The rating is 5 for a positive review
 * (label 1) and 1 for a negative one (label 0). Other categories are not neighbours (a hotel is
 * nobody's alternative to a book), so the one neighbour is the category itself, role {@link
 * Role#ITEM_NEIGHBOUR}, carrying its top training aspects: the same item-level context an English
 * example gets from its item's neighbours. There are no shopper anchors.
 */
public final class ChineseExampleBuilder {
  /** Fewest characters of an example sentence. */
  public static final int MIN_CHARS = 4;

  /** Most characters: about the length of a 15-20 word English sentence. */
  public static final int MAX_CHARS = 30;

  /** Least training reviews that write a candidate aspect before an opinion. */
  public static final int MIN_REVIEWS = 20;

  private ChineseExampleBuilder() {}

  /** Reads {@code dir/reviews.tsv.gz} and builds the examples. */
  public static ExplanationDataset read(Path dir, long seed, Consumer<String> progress) {
    DataFiles.Read<SourceReview> reviews = DataFiles.chineseReviews(dir.resolve("reviews.tsv.gz"));
    progress.accept(
        reviews.rows().size() + " reviews read, " + reviews.skipped() + " malformed lines skipped");
    return build(reviews.rows(), seed, progress);
  }

  public static ExplanationDataset build(
      List<SourceReview> reviews, long seed, Consumer<String> progress) {
    List<SourceReview> sorted = new ArrayList<>(reviews);
    sorted.sort(Comparator.comparing(SourceReview::reviewId));
    List<SourceReview> train = new ArrayList<>();
    for (SourceReview r : sorted) {
      if (ReviewSplit.of(r.reviewId(), seed) == Split.TRAIN) {
        train.add(r);
      }
    }
    ChineseAspectLexicon lexicon =
        ChineseAspectLexicon.grow(train.stream().map(SourceReview::text).toList(), MIN_REVIEWS);
    ChineseAspectMiner miner = new ChineseAspectMiner(lexicon);
    progress.accept(
        train.size()
            + " training reviews, "
            + lexicon.aspects().size()
            + " aspects in the lexicon");

    // per category, how many training reviews write about each aspect
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    for (SourceReview r : train) {
      Set<String> seen = new HashSet<>();
      for (String s : ChineseText.sentences(r.text())) {
        miner.mine(s).forEach(m -> seen.add(m.aspect()));
      }
      Map<String, Integer> c = counts.computeIfAbsent(r.itemId(), k -> new HashMap<>());
      seen.forEach(a -> c.merge(a, 1, Integer::sum));
    }
    Map<String, List<String>> itemAspects = new HashMap<>();
    counts.forEach(
        (cat, c) ->
            itemAspects.put(
                cat,
                c.entrySet().stream()
                    .sorted(
                        Map.Entry.<String, Integer>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey)
                    .toList()));

    List<ExplanationExample> out = new ArrayList<>();
    long start = System.currentTimeMillis();
    int done = 0;
    for (SourceReview r : sorted) {
      List<String> top = itemAspects.getOrDefault(r.itemId(), List.of());
      List<Neighbour> neighbours =
          List.of(
              new Neighbour(
                  r.itemId(),
                  Role.ITEM_NEIGHBOUR,
                  r.itemId(),
                  List.of(),
                  top.subList(0, Math.min(EnglishExampleBuilder.NEIGHBOUR_ASPECTS, top.size()))));
      Split split = ReviewSplit.of(r.reviewId(), seed);
      Set<String> seen = new HashSet<>();
      for (String s : ChineseText.sentences(r.text())) {
        int chars = ChineseText.characters(s).size();
        if (chars < MIN_CHARS || chars > MAX_CHARS || !seen.add(s)) {
          continue;
        }
        Map<String, String> features = new LinkedHashMap<>();
        for (Mention m : miner.mine(s)) {
          features.putIfAbsent(m.aspect(), m.opinion());
        }
        if (features.isEmpty()) {
          continue;
        }
        out.add(
            new ExplanationExample(
                r.reviewId(),
                r.userId(),
                r.itemId(),
                r.rating(),
                s,
                List.copyOf(features.keySet()),
                List.copyOf(features.values()),
                r.itemId(),
                List.of(),
                neighbours,
                split));
      }
      if (++done % 10_000 == 0) {
        progress.accept(Progress.line("reviews mined", done, sorted.size(), start));
      }
    }
    progress.accept(out.size() + " example sentences from " + sorted.size() + " reviews");
    return new ExplanationDataset(
        "zh-CN",
        out,
        itemAspects,
        new ClaimVocabulary(lexicon.aspects(), counts.keySet(), Set.of()));
  }
}
