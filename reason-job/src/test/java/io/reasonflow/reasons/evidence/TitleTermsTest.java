package io.reasonflow.reasons.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.common.io.ItemFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TitleTermsTest {

  @Test
  void unitsNumbersAndGlueWordsAreNotTerms() {
    assertThat(TitleTerms.words("OPI Nail Lacquer, Big Apple Red, 0.5 Fluid Ounce (Pack of 2)"))
        .containsExactly("opi", "nail", "lacquer", "big", "apple", "red", "fluid");
  }

  @Test
  void termsInTooManyTitlesAreNotSalient() {
    // "shampoo" is in 2 of 4 titles: salient at .5, not at .25
    List<String> titles = List.of("Avalon Shampoo", "Dove Shampoo", "Dove Soap", "OPI Lacquer");
    assertThat(TitleTerms.over(titles, 0.5).shared("Avalon Shampoo", "Dove Shampoo"))
        .containsExactly("shampoo");
    assertThat(TitleTerms.over(titles, 0.25).shared("Avalon Shampoo", "Dove Shampoo")).isEmpty();
  }

  /**
   * Catalogue titles are tokenised once up front; any other title on each call, to the same terms.
   */
  @Test
  void catalogueTitlesAndOtherTitlesGetTheSameTerms() {
    List<String> titles =
        List.of("Avalon Organics Shampoo, 11 Ounce", "Dove Shampoo", "Dove Soap", "OPI Lacquer");
    TitleTerms terms = TitleTerms.over(titles, 0.5);
    for (String t : titles) {
      String notInCatalogue = t + " (pack of 2)"; // glue words and a number: no new terms
      assertThat(terms.salient(t)).containsExactlyElementsOf(terms.salient(notInCatalogue));
    }
    assertThat(terms.salient(titles.get(0))).containsExactly("avalon", "organics", "shampoo");
  }

  /**
   * On the real Beauty catalogue: two OPI lacquers are substitutes (both nail polish), a lacquer
   * and a top coat not.
   */
  @Test
  void relationRuleOnRealBeautyTitles() {
    Path items =
        Path.of(
            System.getProperty("rf.shared.data", "/nonexistent"),
            "amazon-beauty-2014/items.tsv.gz");
    assumeTrue(Files.isRegularFile(items), "shared Beauty data not present");
    Map<String, String> titles = new HashMap<>();
    new ItemFileReader().read(items, i -> titles.put(i.id(), i.title()), d -> {});
    TitleTerms terms = TitleTerms.over(new ArrayList<>(titles.values()), 0.05);
    RelationRule rule = new RelationRule(ProductTypes.shipped());
    float[] x = {1, 0};

    String pink = titles.get("B000142FVW"); // Opi Nail Lacquer, Not So Bora Pink, 0.5 Fluid Ounce
    String purple = titles.get("B000CED0VK"); // OPI Nail Lacquer - Pompeii Purple
    String topCoat =
        titles.get("B000AA5VD6"); // Sally Hansen Insta, Dri Insta, Dri Anti, Chip Top Coat
    assertThat(terms.shared(pink, purple))
        .contains("opi", "lacquer")
        .doesNotContain("fluid", "ounce");
    assertThat(rule.classify(pink, purple, 0)).isEqualTo(Relation.SUBSTITUTE);
    assertThat(rule.classify(pink, topCoat, 7)).isEqualTo(Relation.COMPLEMENT);
    assertThat(rule.classify(pink, topCoat, 0)).isEqualTo(Relation.RELATED);
    // vectors no longer decide: the old rule's cosine >= 0.9 made these two "substitutes"
    assertThat(RelationRule.legacy(terms, pink, x, topCoat, x, 7)).isEqualTo(Relation.SUBSTITUTE);
  }
}
