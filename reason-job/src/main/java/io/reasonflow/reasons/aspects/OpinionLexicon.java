package io.reasonflow.reasons.aspects;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opinion words and phrases with their polarity ({@code aspects/opinion-en.tsv}, hand-written), and
 * the words around an opinion that change it: negators flip it ("not loud enough", "doesn't hold
 * tune"), intensifiers and softeners scale it ("really great", "somewhat thin"), and "too" turns
 * praise into complaint ("too loud").
 */
public final class OpinionLexicon {
  /** A word or phrase of the lexicon. */
  public record Opinion(List<String> words, int polarity, String implicitAspect) {}

  static final Set<String> NEGATORS =
      Set.of(
          "not", "no", "never", "nothing", "hardly", "barely", "without", "nor", "cannot", "none",
          "neither");
  static final Map<String, Double> SCALE =
      Map.ofEntries(
          Map.entry("very", 2.0),
          Map.entry("really", 2.0),
          Map.entry("extremely", 2.0),
          Map.entry("super", 2.0),
          Map.entry("so", 2.0),
          Map.entry("incredibly", 2.0),
          Map.entry("absolutely", 2.0),
          Map.entry("truly", 2.0),
          Map.entry("highly", 2.0),
          Map.entry("exceptionally", 2.0),
          Map.entry("amazingly", 2.0),
          Map.entry("most", 2.0),
          Map.entry("somewhat", 0.5),
          Map.entry("slightly", 0.5),
          Map.entry("kinda", 0.5),
          Map.entry("fairly", 0.75),
          Map.entry("pretty", 0.75),
          Map.entry("reasonably", 0.75),
          Map.entry("bit", 0.5));

  private final Map<String, List<Opinion>> byFirstWord;

  private OpinionLexicon(Map<String, List<Opinion>> byFirstWord) {
    this.byFirstWord = byFirstWord;
  }

  /** The lexicon shipped in the jar. */
  public static OpinionLexicon english() {
    Map<String, List<Opinion>> map = new HashMap<>();
    try (InputStream in = OpinionLexicon.class.getResourceAsStream("/aspects/opinion-en.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        List<String> words = List.of(f[0].strip().split(" "));
        Opinion o =
            new Opinion(words, Integer.parseInt(f[1].strip()), f.length > 2 ? f[2].strip() : null);
        map.computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(o);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // longest phrase first, so "holds its tune" is matched before a shorter entry
    map.values().forEach(l -> l.sort((a, b) -> b.words().size() - a.words().size()));
    return new OpinionLexicon(map);
  }

  /** The opinion starting at token {@code i}, longest first. */
  public Optional<Opinion> at(List<String> tokens, int i) {
    List<Opinion> candidates = byFirstWord.get(tokens.get(i));
    if (candidates == null) {
      return Optional.empty();
    }
    for (Opinion o : candidates) {
      if (i + o.words().size() <= tokens.size()
          && tokens.subList(i, i + o.words().size()).equals(o.words())) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  public boolean isOpinionWord(String token) {
    return byFirstWord.containsKey(token);
  }

  static boolean negates(String token) {
    return NEGATORS.contains(token) || token.endsWith("n't");
  }
}
