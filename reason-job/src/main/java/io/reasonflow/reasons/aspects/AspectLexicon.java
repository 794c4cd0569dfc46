package io.reasonflow.reasons.aspects;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The aspects of one category of products, grown from its reviews (the first step of Sentires-style
 * mining): the words and two-word phrases reviewers put an opinion on, either right after the
 * opinion ("great tone", "solid build quality") or as the subject of a copula before it ("the
 * sustain is amazing"), kept when
 *
 * <ul>
 *   <li>at least {@code minReviews} reviews do so (rarer candidates are mostly parsing accidents);
 *   <li>they take a determiner ("the tone", "its finish") at least half as often: nouns do, adverbs
 *       and verbs ("sounding", "enough") do not;
 *   <li>they follow "very", "too", "so", "pretty" less than a fifth as often: those are adjectives
 *       ("clean", "cheap", "little");
 *   <li>they follow "this"/"these" less than half as often as "the"/"its": those name what the
 *       product is ("this pedal", "these strings"), not a property of it;
 *   <li>they are not closed-class words, opinion words, or one of the generic nouns in {@code
 *       aspects/generic-nouns.txt} ("deal", "job", "guitar").
 * </ul>
 *
 * Singular and plural are one aspect ("tone", "tones"), named by the form reviewers use most.
 */
public final class AspectLexicon {
  static final Set<String> CLOSED =
      Set.of(
          "a", "an", "the", "and", "or", "but", "for", "to", "of", "in", "on", "at", "with", "as",
          "by", "from", "i", "it", "its", "it's", "they", "them", "their", "this", "these", "that",
          "those", "you", "your", "my", "me", "we", "our", "he", "she", "his", "her", "is", "are",
          "was", "were", "be", "been", "being", "am", "so", "too", "very", "really", "just", "also",
          "if", "when", "than", "then", "there", "here", "all", "some", "any", "which", "what",
          "who", "how", "about", "after", "before", "up", "out", "down", "off", "over", "even",
          "still", "now", "has", "have", "had", "do", "does", "did", "will", "would", "can",
          "could", "should", "may", "might", "must", "i'm", "i've", "i'd", "you're", "that's",
          "there's", "because", "since", "while", "both", "either", "each", "every", "much", "many",
          "more", "less", "well", "again", "only", "into", "through", "such", "like", "other");
  static final Set<String> DETERMINERS = Set.of("the", "its", "their");
  static final Set<String> POSSESSIVES = Set.of("my", "your", "our");
  static final Set<String> DEMONSTRATIVES = Set.of("this", "these");
  static final Set<String> DEGREE = Set.of("very", "too", "so", "pretty", "really", "quite");
  static final Set<String> COPULAS =
      Set.of(
          "is", "are", "was", "were", "sounds", "sound", "feels", "feel", "looks", "look", "seems",
          "seem", "seemed", "felt", "sounded", "looked");

  private final Map<String, String> names; // key -> the form to print
  private final Set<String> bigramFirstWords;

  private AspectLexicon(Map<String, String> names) {
    this.names = Map.copyOf(names);
    Set<String> firsts = new HashSet<>();
    for (String k : names.keySet()) {
      int sp = k.indexOf(' ');
      if (sp > 0) {
        firsts.add(k.substring(0, sp));
      }
    }
    this.bigramFirstWords = Set.copyOf(firsts);
  }

  /** A lexicon of exactly these aspects (tests, hand-made lists). */
  public static AspectLexicon of(String... aspects) {
    Map<String, String> m = new HashMap<>();
    for (String a : aspects) {
      m.put(key(a), a);
    }
    return new AspectLexicon(m);
  }

  /** The aspect keys, sorted. */
  public Set<String> keys() {
    return new java.util.TreeSet<>(names.keySet());
  }

  public int size() {
    return names.size();
  }

  /** How an aspect is written ("tone"); the key itself when unknown. */
  public String name(String key) {
    return names.getOrDefault(key, key);
  }

  /** The aspect whose words start at token {@code i}, two-word aspects first, with its length. */
  public Optional<Span> at(List<String> tokens, int i) {
    String w = tokens.get(i);
    if (i + 1 < tokens.size() && bigramFirstWords.contains(singular(w))) {
      String two = key(w + " " + tokens.get(i + 1));
      if (names.containsKey(two)) {
        return Optional.of(new Span(two, 2));
      }
    }
    String one = key(w);
    return names.containsKey(one) ? Optional.of(new Span(one, 1)) : Optional.empty();
  }

  /** An aspect's key and how many tokens it spans. */
  public record Span(String key, int length) {}

  /** The key of an aspect phrase: lower case, last word singular. */
  public static String key(String phrase) {
    String p = phrase.toLowerCase(Locale.ROOT).strip();
    int sp = p.lastIndexOf(' ');
    return sp < 0 ? singular(p) : p.substring(0, sp + 1) + singular(p.substring(sp + 1));
  }

  static String singular(String w) {
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 3
        && w.endsWith("s")
        && !w.endsWith("ss")
        && !w.endsWith("us")
        && !w.endsWith("is")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** Grows the lexicon from a category's review texts. */
  public static AspectLexicon grow(
      Iterable<String> reviews, OpinionLexicon opinions, int minReviews) {
    Set<String> generic = genericNouns();
    Map<String, Integer> opinionNext = new HashMap<>();
    Map<String, Integer> determined = new HashMap<>();
    Map<String, Integer> demonstrated = new HashMap<>();
    Map<String, Integer> degreed = new HashMap<>();
    Map<String, Integer> owned = new HashMap<>();
    Map<String, int[]> capitals = new HashMap<>(); // word -> {capitalised mid-sentence, in all}
    Map<String, Map<String, Integer>> surfaces = new HashMap<>();
    for (String review : reviews) {
      countCapitals(review, capitals);
      Set<String> cand = new HashSet<>();
      Set<String> own = new HashSet<>();
      Set<String> det = new HashSet<>();
      Set<String> dem = new HashSet<>();
      Set<String> deg = new HashSet<>();
      for (ReviewText.Sentence s : ReviewText.sentences(review)) {
        for (List<String> t : s.clauses()) {
          for (int i = 0; i < t.size(); i++) {
            String w = t.get(i);
            if (i + 1 < t.size()) {
              String next = t.get(i + 1);
              String two = i + 2 < t.size() ? next + " " + t.get(i + 2) : null;
              if (DETERMINERS.contains(w)) {
                det.add(key(next));
                if (two != null) {
                  det.add(key(two));
                }
              } else if (DEMONSTRATIVES.contains(w)) {
                dem.add(key(next));
                if (two != null) {
                  dem.add(key(two));
                }
              } else if (DEGREE.contains(w)) {
                deg.add(key(next));
              } else if (POSSESSIVES.contains(w)) {
                own.add(key(next));
              }
            }
            var o = opinions.at(t, i);
            if (o.isPresent() && o.get().implicitAspect() == null) {
              int after = i + o.get().words().size();
              if (after < t.size() && candidate(t.get(after), opinions, generic)) {
                note(cand, surfaces, t.get(after));
                if (after + 1 < t.size() && candidate(t.get(after + 1), opinions, generic)) {
                  note(cand, surfaces, t.get(after) + " " + t.get(after + 1));
                }
              }
            }
            if (COPULAS.contains(w) && i >= 1) {
              int op = i + 1;
              if (op < t.size() && OpinionLexicon.SCALE.containsKey(t.get(op))) {
                op++;
              }
              if (op < t.size() && opinions.at(t, op).isPresent()) {
                String subject = t.get(i - 1);
                if (candidate(subject, opinions, generic)) {
                  note(cand, surfaces, subject);
                  if (i >= 2 && candidate(t.get(i - 2), opinions, generic)) {
                    note(cand, surfaces, t.get(i - 2) + " " + subject);
                  }
                }
              }
            }
          }
        }
      }
      cand.forEach(k -> opinionNext.merge(k, 1, Integer::sum));
      det.forEach(k -> determined.merge(k, 1, Integer::sum));
      dem.forEach(k -> demonstrated.merge(k, 1, Integer::sum));
      deg.forEach(k -> degreed.merge(k, 1, Integer::sum));
      own.forEach(k -> owned.merge(k, 1, Integer::sum));
    }
    Map<String, String> names = new TreeMap<>();
    for (var e : opinionNext.entrySet()) {
      String k = e.getKey();
      boolean bigram = k.indexOf(' ') > 0;
      int need = bigram ? Math.max(2, minReviews / 2) : minReviews;
      int det = determined.getOrDefault(k, 0);
      if (e.getValue() < need || det < need / 2.0) {
        continue;
      }
      if (demonstrated.getOrDefault(k, 0) >= 0.5 * det
          || degreed.getOrDefault(k, 0) >= 0.2 * det
          || owned.getOrDefault(k, 0) >= det
          || properNoun(k, capitals)) {
        continue;
      }
      names.put(k, mostUsed(surfaces.get(k)));
    }
    return new AspectLexicon(names);
  }

  /**
   * A brand or model ("Snark", "Ernie Ball", "Cool Cat"): reviewers capitalise its first word in
   * the middle of a sentence at least half the time.
   */
  private static boolean properNoun(String key, Map<String, int[]> capitals) {
    String first = key.indexOf(' ') > 0 ? key.substring(0, key.indexOf(' ')) : key;
    int[] c = capitals.getOrDefault(first, capitals.get(first + "s"));
    return c != null && c[1] > 0 && c[0] >= 0.5 * c[1];
  }

  private static final java.util.regex.Pattern WORD =
      java.util.regex.Pattern.compile("([.!?]\\s*)?\\b([A-Za-z]+)\\b");

  private static void countCapitals(String review, Map<String, int[]> capitals) {
    java.util.regex.Matcher m = WORD.matcher(review);
    boolean first = true;
    while (m.find()) {
      String w = m.group(2);
      boolean sentenceStart = first || m.group(1) != null;
      first = false;
      if (sentenceStart || w.length() < 3 || w.chars().allMatch(Character::isUpperCase)) {
        continue; // a sentence's first word, and shouting ("GREAT TONE"), say nothing of names
      }
      int[] c = capitals.computeIfAbsent(w.toLowerCase(Locale.ROOT), x -> new int[2]);
      c[1]++;
      if (Character.isUpperCase(w.charAt(0))) {
        c[0]++;
      }
    }
  }

  private static void note(Set<String> cand, Map<String, Map<String, Integer>> surfaces, String w) {
    String k = key(w);
    if (cand.add(k)) {
      surfaces.computeIfAbsent(k, x -> new HashMap<>()).merge(w, 1, Integer::sum);
    }
  }

  private static String mostUsed(Map<String, Integer> forms) {
    return forms.entrySet().stream()
        .max(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow()
        .getKey();
  }

  private static boolean candidate(String w, OpinionLexicon opinions, Set<String> generic) {
    return w.length() >= 3
        && w.chars().allMatch(c -> Character.isLetter(c) || c == '-')
        && !CLOSED.contains(w)
        && !generic.contains(w)
        && !generic.contains(singular(w))
        && !opinions.isOpinionWord(w)
        && !OpinionLexicon.negates(w)
        && !OpinionLexicon.SCALE.containsKey(w)
        && !w.endsWith("ly");
  }

  static Set<String> genericNouns() {
    Set<String> out = new HashSet<>();
    try (InputStream in = AspectLexicon.class.getResourceAsStream("/aspects/generic-nouns.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
