package io.reasonflow.reasons.explain.decoder;

import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.explain.ExplanationExample.Neighbour;
import io.reasonflow.reasons.explain.ExplanationExample.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an example's inputs into the condition vector the decoder reads at every step: a bag of
 * condition tokens per role, each bag averaged (so the network's first dense layer computes the
 * mean of the tokens' embeddings). Roles: the example's own facts (features, opinions, product
 * type, attributes, rating), the item's nearest items, and the shopper's anchor items. A bag is the
 * tokens "f:aspect", "o:opinion", "t:product type", "a:attribute" ("r:stars" for the rating), so
 * "tone" as the item's own aspect and as a neighbour's are different inputs.
 *
 * <p>Why a bag per role rather than PETER's prefix of tokens: a prefix lengthens every training
 * sequence by the neighbours' facts (tens of tokens), which a 2-core machine cannot afford within
 * the 15-minute budget, and their order carries nothing. With neighbours switched off only the own
 * bag is encoded.
 */
public final class ConditionEncoder {
  private final List<String> tokens;
  private final Map<String, Integer> index = new HashMap<>();
  private final boolean neighbours;

  public ConditionEncoder(List<String> tokens, boolean neighbours) {
    this.tokens = List.copyOf(tokens);
    for (int i = 0; i < this.tokens.size(); i++) {
      index.put(this.tokens.get(i), i);
    }
    this.neighbours = neighbours;
  }

  /** The {@code cap} most frequent condition tokens of the training examples (ties by name). */
  public static ConditionEncoder build(
      List<ExplanationExample> train, int cap, boolean neighbours) {
    Map<String, Integer> counts = new HashMap<>();
    for (ExplanationExample e : train) {
      own(e).forEach(t -> counts.merge(t, 1, Integer::sum));
      if (neighbours) {
        for (Neighbour n : e.neighbours()) {
          facts(n).forEach(t -> counts.merge(t, 1, Integer::sum));
        }
      }
    }
    List<String> kept =
        counts.entrySet().stream()
            .sorted(
                Comparator.comparing((Map.Entry<String, Integer> x) -> -x.getValue())
                    .thenComparing(Map.Entry::getKey))
            .limit(cap)
            .map(Map.Entry::getKey)
            .toList();
    return new ConditionEncoder(kept, neighbours);
  }

  static List<String> own(ExplanationExample e) {
    List<String> out = new ArrayList<>();
    e.features().forEach(f -> out.add("f:" + norm(f)));
    e.opinions().forEach(o -> out.add("o:" + norm(o)));
    if (!e.productType().isBlank()) {
      out.add("t:" + norm(e.productType()));
    }
    e.attributes().forEach(a -> out.add("a:" + norm(a)));
    if (e.rating() > 0) {
      out.add("r:" + e.rating());
    }
    return out;
  }

  static List<String> facts(Neighbour n) {
    List<String> out = new ArrayList<>();
    if (!n.productType().isBlank()) {
      out.add("t:" + norm(n.productType()));
    }
    n.attributes().forEach(a -> out.add("a:" + norm(a)));
    n.aspects().forEach(a -> out.add("f:" + norm(a)));
    return out;
  }

  private static String norm(String s) {
    return s.strip().toLowerCase(java.util.Locale.ROOT);
  }

  public List<String> tokens() {
    return tokens;
  }

  public boolean neighbours() {
    return neighbours;
  }

  /** Bags: the own one, then (with neighbours) item neighbours and shopper anchors. */
  public int roles() {
    return neighbours ? 3 : 1;
  }

  public int size() {
    return roles() * tokens.size();
  }

  /** Writes {@code e}'s condition into {@code out} at {@code offset} ({@link #size} floats). */
  public void encode(ExplanationExample e, float[] out, int offset) {
    bag(own(e), out, offset);
    if (neighbours) {
      List<String> item = new ArrayList<>();
      List<String> anchor = new ArrayList<>();
      for (Neighbour n : e.neighbours()) {
        (n.role() == Role.ITEM_NEIGHBOUR ? item : anchor).addAll(facts(n));
      }
      bag(item, out, offset + tokens.size());
      bag(anchor, out, offset + 2 * tokens.size());
    }
  }

  public float[] encode(ExplanationExample e) {
    float[] out = new float[size()];
    encode(e, out, 0);
    return out;
  }

  private void bag(List<String> bag, float[] out, int offset) {
    int known = 0;
    for (String t : bag) {
      if (index.containsKey(t)) {
        known++;
      }
    }
    if (known == 0) {
      return;
    }
    float w = 1f / known;
    for (String t : bag) {
      Integer i = index.get(t);
      if (i != null) {
        out[offset + i] += w;
      }
    }
  }
}
