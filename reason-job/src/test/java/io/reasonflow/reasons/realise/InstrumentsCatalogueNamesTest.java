package io.reasonflow.reasons.realise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.ItemFileReader;
import io.reasonflow.common.io.TimestampUnit;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.reasons.aspects.ReviewAspects;
import io.reasonflow.reasons.aspects.ReviewerTypes;
import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.evidence.ProductTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every name over the whole Instruments catalogue (the 900 reviewed items: 485 with a catalogue
 * row, the others untitled), before and after the instruments lexicon and the names from reviews,
 * by {@link BeautyCatalogueNamesTest}'s independent rules. Prints the figures and 30 random names
 * (seeded) for docs/benchmarks.md. Skipped without the shared data.
 */
class InstrumentsCatalogueNamesTest {
  static final EventSchema INSTRUMENTS =
      new EventSchema(
          "reviewerID",
          "asin",
          "unixReviewTime",
          null,
          null,
          TimestampUnit.SECONDS,
          EventType.REVIEW,
          "summary,reviewText");

  @Test
  void everyItemIsNamedByItsOwnCategorysTypesWithNothingDangling() throws Exception {
    Path items = io.reasonflow.reasons.SharedData.file("amazon-instruments-2014/items.tsv.gz");
    Path reviewsFile =
        io.reasonflow.reasons.SharedData.file("amazon-instruments-2014/reviews.jsonl.gz");
    assumeTrue(Files.isRegularFile(items) && Files.isRegularFile(reviewsFile), "no shared data");
    ReviewAspects reviews =
        ReviewAspects.read(reviewsFile, INSTRUMENTS, ReviewAspects.DEFAULT_MIN_REVIEWS);
    Map<String, String> titleOf = new HashMap<>();
    new ItemFileReader().read(items, (Item i) -> titleOf.put(i.id(), i.displayName()), d -> {});
    Set<String> ids = new TreeSet<>();
    reviews.reviews().forEach(r -> ids.add(r.itemId()));
    List<String> titles = new ArrayList<>();
    List<String> untitled = new ArrayList<>();
    for (String id : ids) {
      String t = titleOf.getOrDefault(id, Item.ofTitle(id, "").displayName());
      titles.add(t);
      if (!titleOf.containsKey(id)) {
        untitled.add(id);
      }
    }
    assertThat(ids).hasSize(900);

    ItemNamer before = ItemNamer.over(titles, ProductTypes.shipped());
    ItemNamer detected = ItemNamer.over(titles);
    assertThat(detected.types()).isSameAs(ProductTypes.instruments());
    Map<String, ProductType> said = ReviewerTypes.of(reviews, detected.types(), untitled);
    ItemNamer after = detected.withReviewerTypes(said);

    Set<String> nouns = BeautyCatalogueNamesTest.nouns("/product-types/instruments.tsv");
    Set<String> phrases = BeautyCatalogueNamesTest.phrases("/product-types/instruments.tsv");
    int itemBefore = 0;
    int itemAfter = 0;
    int typedBefore = 0;
    int typedAfter = 0;
    List<String> bad = new ArrayList<>();
    List<String> cut = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String t : titles) {
      itemBefore += before.name(t, ReasonLocale.EN).startsWith("item ") ? 1 : 0;
      typedBefore += before.type(t).isPresent() ? 1 : 0;
      typedAfter += after.type(t).isPresent() || after.reviewerType(t).isPresent() ? 1 : 0;
      for (ReasonLocale locale : ReasonLocale.values()) {
        String name = after.name(t, locale);
        if (BeautyCatalogueNamesTest.dangles(name)) {
          bad.add(name + "  <-  " + t);
        }
        boolean titled = !t.startsWith("item ") || !untitled.contains(t.substring(5));
        String why = titled ? BeautyCatalogueNamesTest.cut(name, t, nouns, phrases) : null;
        if (why != null) {
          cut.add(why + ": " + name + "  <-  " + t);
        }
        if (locale == ReasonLocale.EN) {
          itemAfter += name.startsWith("item ") ? 1 : 0;
          names.add(name + "  <-  " + t);
        }
      }
    }
    Collections.shuffle(names, new Random(13));
    System.out.printf(
        "instruments names: %d items (%d untitled); typed by the beauty lexicon %d, by the "
            + "instruments lexicon or reviews %d; named from reviews %d; 'item <id>' names %d "
            + "before, %d after; %d dangling, %d cut inside a phrase%n",
        titles.size(),
        untitled.size(),
        typedBefore,
        typedAfter,
        said.size(),
        itemBefore,
        itemAfter,
        bad.size(),
        cut.size());
    Map<String, Integer> saidTypes = new java.util.TreeMap<>();
    said.values().forEach(t -> saidTypes.merge(t.en(), 1, Integer::sum));
    System.out.println("types from reviews: " + saidTypes);
    names.subList(0, 30).forEach(n -> System.out.println("NAME  " + n));
    cut.stream().limit(40).forEach(n -> System.out.println("CUT  " + n));
    bad.stream().limit(40).forEach(n -> System.out.println("DANGLING  " + n));
    assertThat(bad).as("names that dangle").isEmpty();
    assertThat(itemAfter).isLessThan(itemBefore);
  }

  /**
   * Every typed name whose type phrase is followed, in the title segment it was found in, by more
   * words with letters ("Dunlop Acoustic Guitar Frets" named an acoustic guitar): the candidates
   * for a type phrase that modifies a further head noun. Printed for reading (which of the words
   * are nouns is judged by the reader, docs/benchmarks.md "Names, 2026-12-06").
   */
  @Test
  void typePhrasesFollowedByMoreWords() throws Exception {
    Path items = io.reasonflow.reasons.SharedData.file("amazon-instruments-2014/items.tsv.gz");
    assumeTrue(Files.isRegularFile(items), "no shared data");
    List<String> titles = new ArrayList<>();
    new ItemFileReader().read(items, (Item i) -> titles.add(i.displayName()), d -> {});
    ItemNamer namer = ItemNamer.over(titles);
    int typed = 0;
    int followed = 0;
    for (String t : titles) {
      var m = namer.types().match(ItemNamer.clean(t));
      if (m.isEmpty()) {
        continue;
      }
      typed++;
      List<String> w = words(m.get().segment());
      List<String> p = words(m.get().phrase());
      int end = -1;
      for (int i = w.size() - p.size(); i >= 0 && end < 0; i--) {
        if (w.subList(i, i + p.size()).equals(p)) {
          end = i + p.size();
        }
      }
      List<String> after =
          w.subList(Math.max(end, 0), w.size()).stream()
              .filter(x -> x.codePoints().anyMatch(Character::isLetter))
              .toList();
      if (!after.isEmpty()) {
        followed++;
        System.out.println(
            "FOLLOWED  " + namer.name(t, ReasonLocale.EN) + "  <-  " + t + "  after: " + after);
      }
    }
    System.out.printf(
        "instruments titles %d, typed %d, type phrase followed by more words %d%n",
        titles.size(), typed, followed);
  }

  private static List<String> words(String s) {
    String n = ProductTypes.normalise(s);
    return n.isEmpty() ? List.of() : List.of(n.split(" "));
  }
}
