package io.reasonflow.reasons.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.evidence.ProductTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The verifier's second reading of type claims ({@link DomainCues}) against the labelled items:
 * which wrong type claims it stops, and how many right ones it wrongly stops. Prints the table for
 * docs/benchmarks.md.
 */
class TypeClaimCheckTest {
  /**
   * Measured on the held-out items (type-labels/README.md): 0.815 before the check, 0.880 after it.
   */
  static final double HELD_OUT_PASSED_PRECISION_FLOOR = 0.85;

  /** Instruments, both splits: measured 1.000 (validation) and 0.94 (held-out). */
  static final double INSTRUMENTS_PASSED_PRECISION_FLOOR = 0.9;

  /** The fresh held-out items (beauty-items-heldout-2.tsv), after the check. */
  static final double FRESH_PASSED_PRECISION_FLOOR = 0.85;

  /** Right claims the check may turn down: each one costs a recommendation its reason. */
  static final double MAX_RIGHT_REJECTED = 0.05;

  private record Item(Set<String> labels, String title) {}

  private static List<Item> items(String file) throws IOException {
    List<Item> out = new ArrayList<>();
    try (InputStream in = TypeClaimCheckTest.class.getResourceAsStream("/type-labels/" + file)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("item_id")) {
          continue;
        }
        String[] f = line.split("\t");
        out.add(new Item(Set.of(f[1].split("\\|")), f[2]));
      }
    }
    return out;
  }

  @Test
  void theCheckStopsWrongTypeClaimsAndFewRightOnes() throws IOException {
    ProductTypes types = ProductTypes.shipped();
    for (String file :
        List.of("beauty-items.tsv", "beauty-items-heldout.tsv", "beauty-items-heldout-2.tsv")) {
      // the fresh held-out set (2026-12-06): its figure is printed, its errors are not read
      boolean fresh = file.endsWith("-2.tsv");
      int claimed = 0;
      int right = 0;
      int passed = 0;
      int passedRight = 0;
      int rightRejected = 0;
      for (Item i : items(file)) {
        Optional<ProductType> t = types.typeOf(i.title());
        if (t.isEmpty()) {
          continue;
        }
        boolean isRight = i.labels().contains(t.get().en());
        boolean passes = DomainCues.check(i.title(), t.get()) == null;
        claimed++;
        right += isRight ? 1 : 0;
        passed += passes ? 1 : 0;
        passedRight += passes && isRight ? 1 : 0;
        rightRejected += !passes && isRight ? 1 : 0;
        if (passes != isRight && !fresh) {
          System.out.println(
              (passes ? "LET THROUGH " : "TURNED DOWN ")
                  + t.get().en()
                  + " "
                  + i.labels()
                  + ": "
                  + i.title());
        }
      }
      System.out.printf(
          "%-26s claims %3d  precision %.3f  passing the check %3d  precision %.3f  right ones "
              + "turned down %d%n",
          file,
          claimed,
          (double) right / claimed,
          passed,
          (double) passedRight / passed,
          rightRejected);
      if (fresh) {
        assertThat((double) passedRight / passed)
            .as("precision after the check, " + file)
            .isGreaterThanOrEqualTo(FRESH_PASSED_PRECISION_FLOOR);
        continue;
      }
      assertThat((double) rightRejected / right)
          .as("right claims turned down, " + file)
          .isLessThanOrEqualTo(MAX_RIGHT_REJECTED);
      assertThat((double) passedRight / passed)
          .as("precision after the check, " + file)
          .isGreaterThan((double) right / claimed);
      if (file.contains("heldout")) {
        assertThat((double) passedRight / passed)
            .isGreaterThanOrEqualTo(HELD_OUT_PASSED_PRECISION_FLOOR);
      }
    }
  }

  /**
   * Instruments: the namer's claims on the labelled titles against the verifier's two readings
   * (head noun, routine words). Held-out items print only the table.
   */
  @Test
  void instrumentsChecksStopWrongClaimsAndFewRightOnes() throws IOException {
    ProductTypes types = ProductTypes.instruments();
    for (String file : List.of("instruments-items.tsv", "instruments-items-heldout.tsv")) {
      int claimed = 0;
      int right = 0;
      int passed = 0;
      int passedRight = 0;
      int rightRejected = 0;
      for (Item i : items(file)) {
        String title = io.reasonflow.reasons.realise.ItemNamer.clean(i.title());
        Optional<ProductType> t = types.typeOf(title);
        if (t.isEmpty()) {
          continue;
        }
        boolean isRight = i.labels().contains(t.get().en());
        String head = TypeHeadCheck.check(title, t.get());
        boolean passes = head == null && DomainCues.check(title, t.get()) == null;
        claimed++;
        right += isRight ? 1 : 0;
        passed += passes ? 1 : 0;
        passedRight += passes && isRight ? 1 : 0;
        rightRejected += !passes && isRight ? 1 : 0;
        if (passes != isRight && !file.contains("heldout")) {
          System.out.println(
              (passes ? "LET THROUGH " : "TURNED DOWN ")
                  + t.get().en()
                  + " "
                  + i.labels()
                  + ": "
                  + i.title());
        }
      }
      System.out.printf(
          "%-30s claims %3d  precision %.3f  passing the checks %3d  precision %.3f  right ones "
              + "turned down %d%n",
          file,
          claimed,
          (double) right / claimed,
          passed,
          (double) passedRight / passed,
          rightRejected);
      assertThat((double) rightRejected / right)
          .as("right claims turned down, " + file)
          .isLessThanOrEqualTo(MAX_RIGHT_REJECTED);
      // the namer's own further-heads rule leaves the checks little to stop on its claims; what
      // they stop that the namer does not is in TypeHeadCheckTest
      assertThat((double) passedRight / passed)
          .as("precision after the checks, " + file)
          .isGreaterThanOrEqualTo(INSTRUMENTS_PASSED_PRECISION_FLOOR);
    }
  }

  @Test
  void aGenericWordUsedForSomethingElseIsNoType() {
    ProductTypes types = ProductTypes.shipped();
    ProductType mirror = types.named("mirror").orElseThrow();
    ProductType mask = types.named("face mask").orElseThrow();
    ProductType polish = types.named("nail polish").orElseThrow();
    assertThat(
            DomainCues.check("Essie Mirror Metallic Collection Summer 2012, Blue Rhapsody", mirror))
        .isNotNull();
    assertThat(DomainCues.check("Conair Lighted Makeup Mirror", mirror)).isNull();
    assertThat(DomainCues.check("Swissco Satin Sleep Mask Leopard Print", mask)).isNotNull();
    assertThat(DomainCues.check("Queen Helene Mint Julep Masque", mask)).isNull();
    assertThat(DomainCues.check("OPI Gel Nail Color, Expert Touch Removal Wraps", polish))
        .isNotNull();
    assertThat(DomainCues.check("OPI Nail Lacquer, Big Apple Red", polish)).isNull();
  }

  @Test
  void aHaircolorRemoverIsNoNailPolishRemover() {
    ProductType nailRemover = new ProductType("nail polish remover", "洗甲水", "nails");
    assertThat(DomainCues.check("L'Oreal ColorZap Haircolor Remover", nailRemover))
        .contains("hair");
    assertThat(DomainCues.check("Cutex Nail Polish Remover", nailRemover)).isNull();
    assertThat(DomainCues.check("Onyx Professional Remover", nailRemover))
        .isNull(); // no routine word: allowed
  }
}
