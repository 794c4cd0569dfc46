package io.reasonflow.reasons.aspects;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads aspect-opinion pairs out of review text (the extraction step of Sentires-style mining).
 * Within a clause ({@link ReviewText}), each opinion word or phrase is paired with one aspect of
 * the lexicon: the aspect right after it ("great tone", "solid little build"), else the nearest one
 * within {@value #BEFORE} tokens before it ("the tone is really great"), else the nearest within
 * {@value #AFTER} tokens after it ("love the tone", "no problems with the tuning"). A phrase with
 * an implicit aspect ("holds tune": tuning) needs none. The words before the opinion set its
 * polarity and strength: a negator within {@value #NEGATION_WINDOW} tokens flips it ("not loud
 * enough", "doesn't hold tune"), "too" makes praise a complaint ("too loud") and a negated "too"
 * mild praise ("not too bright"), an intensifier or softener within two tokens scales it.
 */
public final class AspectMiner {
  static final int BEFORE = 4;
  static final int AFTER = 3;
  static final int NEGATION_WINDOW = 3;

  private final AspectLexicon aspects;
  private final OpinionLexicon opinions;

  public AspectMiner(AspectLexicon aspects, OpinionLexicon opinions) {
    this.aspects = aspects;
    this.opinions = opinions;
  }

  public AspectLexicon aspects() {
    return aspects;
  }

  /**
   * Words that make a clause a wish, a condition or a guess ("would be a better design", "if you
   * want good tone"): what it says is not the reviewer's judgement of this product.
   */
  static final java.util.Set<String> HYPOTHETICAL =
      java.util.Set.of("would", "could", "should", "if", "wish", "hope", "hoping", "unless");

  /**
   * Subjects that end the search for an aspect before an opinion: in "phantom power, it looks cool"
   * the opinion is about "it", not the power.
   */
  static final java.util.Set<String> SUBJECTS =
      java.util.Set.of("it", "they", "i", "you", "we", "he", "she");

  /** "this"/"these"/"that" end the search only as a subject ("that sounds great"). */
  static final java.util.Set<String> DEMONSTRATIVE_SUBJECTS =
      java.util.Set.of("this", "these", "that");

  public List<Mention> mine(String review) {
    List<Mention> out = new ArrayList<>();
    for (ReviewText.Sentence s : ReviewText.sentences(review)) {
      if (s.text().endsWith("?")) {
        continue; // a question judges nothing
      }
      for (List<String> clause : s.clauses()) {
        if (clause.stream().noneMatch(HYPOTHETICAL::contains)) {
          mineClause(clause, s.text(), out);
        }
      }
    }
    return out;
  }

  private void mineClause(List<String> t, String sentence, List<Mention> out) {
    // aspect spans first: an opinion word inside an aspect ("sound quality") is not an opinion
    String[] aspectAt = new String[t.size()];
    boolean[] covered = new boolean[t.size()];
    for (int i = 0; i < t.size(); i++) {
      Optional<AspectLexicon.Span> a = aspects.at(t, i);
      // after "I" or "we" the word is a verb: "I feel happy" is no opinion on the feel
      boolean verb = i > 0 && (t.get(i - 1).equals("i") || t.get(i - 1).equals("we"));
      if (a.isPresent() && !verb) {
        aspectAt[i] = a.get().key();
        for (int j = i; j < i + a.get().length(); j++) {
          covered[j] = true;
        }
        i += a.get().length() - 1;
      }
    }
    for (int i = 0; i < t.size(); i++) {
      if (covered[i]) {
        continue;
      }
      Optional<OpinionLexicon.Opinion> o = opinions.at(t, i);
      if (o.isEmpty()) {
        continue;
      }
      int len = o.get().words().size();
      String aspect =
          o.get().implicitAspect() != null
              ? AspectLexicon.key(o.get().implicitAspect())
              : pair(aspectAt, t.toArray(String[]::new), i, len);
      if (aspect != null) {
        out.add(opinion(t, i, o.get(), aspect, sentence));
      }
      i += len - 1;
    }
  }

  private static String pair(String[] aspectAt, String[] tokens, int i, int len) {
    int after = i + len;
    if (after < aspectAt.length && aspectAt[after] != null) {
      return aspectAt[after];
    }
    if (after + 1 < aspectAt.length && aspectAt[after + 1] != null) {
      return aspectAt[after + 1];
    }
    for (int j = i - 1; j >= Math.max(0, i - BEFORE); j--) {
      if (aspectAt[j] != null) {
        return aspectAt[j];
      }
      if (SUBJECTS.contains(tokens[j])
          || DEMONSTRATIVE_SUBJECTS.contains(tokens[j])
              && j + 1 < tokens.length
              && AspectLexicon.COPULAS.contains(tokens[j + 1])) {
        break;
      }
    }
    for (int j = after + 2; j < Math.min(aspectAt.length, after + AFTER + 1); j++) {
      if (aspectAt[j] != null) {
        return aspectAt[j];
      }
    }
    return null;
  }

  private static Mention opinion(
      List<String> t, int i, OpinionLexicon.Opinion o, String aspect, String sentence) {
    int polarity = o.polarity();
    double intensity = 1;
    boolean too = i >= 1 && t.get(i - 1).equals("too");
    int negAt = -1;
    for (int j = i - 1; j >= Math.max(0, i - NEGATION_WINDOW); j--) {
      if (OpinionLexicon.negates(t.get(j)) && !(j + 1 < t.size() && t.get(j + 1).equals("only"))) {
        negAt = j;
        break;
      }
    }
    for (int j = i - 1; j >= Math.max(0, i - 2); j--) {
      Double scale = OpinionLexicon.SCALE.get(t.get(j));
      if (scale != null && j > negAt) {
        intensity *= scale;
        break;
      }
    }
    if (too) {
      polarity = -1;
    }
    boolean negated = negAt >= 0;
    if (negated) {
      polarity = -polarity;
      if (too) {
        intensity = 0.5; // "not too bright": mild praise at most
      }
    }
    return new Mention(aspect, polarity, intensity, String.join(" ", o.words()), negated, sentence);
  }
}
