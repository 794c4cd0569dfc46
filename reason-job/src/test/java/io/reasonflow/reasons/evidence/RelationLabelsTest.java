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
 * The relation rule against 333 Beauty pairs labelled by reading their titles ({@code
 * relation-labels/README.md}): the precision of each relation a reason may claim, for the rule
 * before issue 13 and the product-type rule. Prints the table for docs/benchmarks.md.
 */
class RelationLabelsTest {
  /**
   * Measured floors, not the 0.9 the issue targets (not met yet: SUBSTITUTE errs where one lexicon
   * type covers roles that go together, top coat and colour, day and night cream). The domain
   * condition on COMPLEMENT was added after reading this set's errors, so its COMPLEMENT figure is
   * optimistic; a fresh labelled set should decide.
   */
  static final double SUBSTITUTE_FLOOR = 0.7;

  static final double COMPLEMENT_FLOOR = 0.85;

  record Pair(
      String anchor,
      String candidate,
      int coViews,
      String label,
      Relation legacy,
      String anchorTitle,
      String candidateTitle) {}

  static List<Pair> pairs() throws IOException {
    List<Pair> out = new ArrayList<>();
    try (InputStream in =
        RelationLabelsTest.class.getResourceAsStream("/relation-labels/beauty-pairs.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("anchor_id")) {
          continue;
        }
        String[] f = line.split("\t");
        out.add(
            new Pair(f[0], f[1], Integer.parseInt(f[2]), f[3], Relation.valueOf(f[4]), f[5], f[6]));
      }
    }
    return out;
  }

  /** Claims made and claims the labels confirm, per claimed relation. */
  private static Map<Relation, int[]> score(
      List<Pair> pairs, java.util.function.Function<Pair, Relation> rule) {
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

  /**
   * The labelled pairs split by anchor (one anchor's pairs on one side): rules are changed by
   * reading the validation part's errors only, and the held-out part gives the figure to report.
   * The product-type and domain rules of issue 13's first session were written over all 333 pairs,
   * so for them only the routine change is held out.
   */
  static boolean heldOut(Pair p) {
    return Math.floorMod(p.anchor().hashCode(), 3) == 0;
  }

  /**
   * The rule of issue 13's first session: different types of one domain (hair, nails, skin, ...),
   * co-viewed.
   */
  static Relation domainRule(ProductTypes types, Pair p) {
    var a = types.typeOf(p.anchorTitle());
    var b = types.typeOf(p.candidateTitle());
    if (a.isEmpty() || b.isEmpty()) {
      return Relation.RELATED;
    }
    if (a.get().equals(b.get())) {
      return Relation.SUBSTITUTE;
    }
    boolean oneDomain =
        a.get().domain().equals(b.get().domain()) && !a.get().domain().equals("other");
    return oneDomain && p.coViews() > 0 ? Relation.COMPLEMENT : Relation.RELATED;
  }

  private static String cell(Map<Relation, int[]> m, Relation r) {
    int[] c = m.getOrDefault(r, new int[2]);
    return String.format("%3d claims, %.3f", c[0], c[0] == 0 ? 0 : (double) c[1] / c[0]);
  }

  private static double precision(Map<Relation, int[]> m, Relation r) {
    int[] c = m.getOrDefault(r, new int[2]);
    return c[0] == 0 ? 1 : (double) c[1] / c[0];
  }

  @Test
  void typedRelationsAreMorePreciseThanTheVectorRule() throws IOException {
    List<Pair> pairs = pairs();
    assertThat(pairs).hasSizeGreaterThanOrEqualTo(300);
    RelationRule rule = new RelationRule(ProductTypes.shipped());
    java.util.function.Function<Pair, Relation> routines =
        p -> rule.classify(p.anchorTitle(), p.candidateTitle(), p.coViews());
    java.util.function.Function<Pair, Relation> domains =
        p -> domainRule(ProductTypes.shipped(), p);
    // what the verifier lets through: the rule's claim, when both titles' own routine words allow
    // their types
    java.util.function.Function<Pair, Relation> verified =
        p -> {
          Relation r = routines.apply(p);
          if (r == Relation.RELATED) {
            return r;
          }
          for (String t : List.of(p.anchorTitle(), p.candidateTitle())) {
            String clean = io.reasonflow.reasons.realise.ItemNamer.clean(t);
            if (io.reasonflow.reasons.verify.DomainCues.check(
                    clean, ProductTypes.shipped().typeOf(t).orElseThrow())
                != null) {
              return Relation.RELATED;
            }
          }
          return r;
        };
    System.out.printf(
        "%-10s %-11s %-20s %-20s %-20s %-20s%n",
        "split", "relation", "legacy rule", "domain rule", "routine rule", "after the verifier");
    for (String split : List.of("validation", "held-out", "all")) {
      List<Pair> part =
          pairs.stream()
              .filter(p -> split.equals("all") || heldOut(p) == split.equals("held-out"))
              .toList();
      for (Relation r : List.of(Relation.SUBSTITUTE, Relation.COMPLEMENT)) {
        System.out.printf(
            "%-10s %-11s %-20s %-20s %-20s %-20s%n",
            split + " " + part.size(),
            r,
            cell(score(part, Pair::legacy), r),
            cell(score(part, domains), r),
            cell(score(part, routines), r),
            cell(score(part, verified), r));
      }
    }
    for (Pair p : pairs) {
      Relation r = verified.apply(p);
      if (!heldOut(p) && r != Relation.RELATED && !p.label().equals(r.name())) {
        System.out.println(
            "WRONG (validation) "
                + r
                + " (labelled "
                + p.label()
                + "): "
                + p.anchorTitle()
                + " || "
                + p.candidateTitle());
      }
    }
    Map<Relation, int[]> legacy = score(pairs, Pair::legacy);
    Map<Relation, int[]> typed = score(pairs, routines);
    for (Relation r : List.of(Relation.SUBSTITUTE, Relation.COMPLEMENT)) {
      assertThat(precision(typed, r))
          .as("precision of " + r)
          .isGreaterThan(precision(legacy, r))
          .isGreaterThanOrEqualTo(r == Relation.SUBSTITUTE ? SUBSTITUTE_FLOOR : COMPLEMENT_FLOOR);
    }
    List<Pair> held = pairs.stream().filter(RelationLabelsTest::heldOut).toList();
    assertThat(precision(score(held, routines), Relation.COMPLEMENT))
        .as("held-out precision of COMPLEMENT claims")
        .isGreaterThanOrEqualTo(COMPLEMENT_FLOOR);
  }
}
