package io.reasonflow.features.core;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.config.EventSchemas;
import io.reasonflow.common.io.EventFileReader;
import io.reasonflow.common.io.ItemFileReader;
import io.reasonflow.common.model.Event;
import io.reasonflow.features.SharedData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cold start on the real Amazon Beauty data, set up once for the checks and measurements that fit
 * content vectors on it. Beauty is 5-core (every item has at least 5 reviews, none has all of them
 * on the last day), so cold items are made by raising {@code features.item2vec.min-count} to 6: the
 * 2,181 items with exactly 5 events get no item2vec vector, exactly as a rarely seen item would in
 * production.
 *
 * @param titles the whole catalogue, id to title
 * @param behaviour item2vec's vectors (min-count 6)
 * @param warm the learned items, sorted
 * @param cold the items with events but no item2vec vector, sorted
 * @param salient each title's salient words (in at most 5% of titles)
 */
record BeautyColdStart(
    Config config,
    Map<String, String> titles,
    Map<String, float[]> behaviour,
    List<String> warm,
    List<String> cold,
    Map<String, Set<String>> salient) {

  /** Reads the events, trains item2vec (about a minute), reads the catalogue. */
  static BeautyColdStart load() {
    Config config = Config.defaults().with("features.item2vec.min-count", "6");
    FeatureSettings s = FeatureSettings.from(config);
    Map<String, List<Event>> byUser = new TreeMap<>();
    new EventFileReader(EventSchemas.from(config))
        .read(
            SharedData.beauty("events.tsv.gz"),
            e -> byUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e),
            d -> {});
    List<List<String>> corpus = new ArrayList<>();
    Set<String> withEvents = new HashSet<>();
    for (Map.Entry<String, List<Event>> u : byUser.entrySet()) {
      UserHistory h =
          UserHistory.of(u.getKey(), u.getValue(), s.sessionGapMs(), s.sessionMaxItems());
      corpus.addAll(h.sequences(s.sequenceMode()));
      withEvents.addAll(h.distinctItems());
    }
    Map<String, float[]> behaviour = Item2Vec.train(corpus, s, System.err::println).vectors();
    Map<String, String> titles = new HashMap<>();
    new ItemFileReader()
        .read(SharedData.beauty("items.tsv.gz"), i -> titles.put(i.id(), i.title()), d -> {});
    return new BeautyColdStart(
        config,
        titles,
        behaviour,
        new ArrayList<>(new TreeMap<>(behaviour).keySet()),
        withEvents.stream().filter(i -> !behaviour.containsKey(i)).sorted().toList(),
        SalientNeighbours.salientWords(titles));
  }

  /**
   * The content settings: the defaults at min-count 6, with {@code overrides} (key, value, ...).
   */
  ContentVectors.Settings settings(String... overrides) {
    Config c = config;
    for (int i = 0; i < overrides.length; i += 2) {
      c = c.with(overrides[i], overrides[i + 1]);
    }
    return ContentVectors.Settings.from(c);
  }

  /** Each cold item's content vector, where its title has a known word. */
  Map<String, float[]> coldVectors(ContentVectors content) {
    Map<String, float[]> out = new TreeMap<>();
    for (String c : cold) {
      content.vector(titles.getOrDefault(c, "")).ifPresent(v -> out.put(c, v));
    }
    return out;
  }

  /** The cold items' content vectors against the learned items. */
  SalientNeighbours coldToWarm(Map<String, float[]> coldVectors) {
    SalientNeighbours n = new SalientNeighbours(warm, behaviour, salient);
    coldVectors.forEach(n::add);
    return n;
  }

  /**
   * The ceiling: how often item2vec's own nearest neighbour of a learned item shares a salient word
   * (every 3rd learned item, to keep the brute force short).
   */
  SalientNeighbours warmToWarm() {
    SalientNeighbours n = new SalientNeighbours(warm, behaviour, salient);
    for (int i = 0; i < warm.size(); i += 3) {
      n.add(warm.get(i), behaviour.get(warm.get(i)));
    }
    return n;
  }
}
