package io.reasonflow.reasons.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.config.Config;
import io.reasonflow.reasons.ReasonSettings;
import io.reasonflow.reasons.Recommendation;
import io.reasonflow.reasons.Recommender;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.realise.Leads;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.Templates;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A shopper's list prefers reasons that open differently ({@link Leads}): read aloud, five reasons
 * that all begin "This ... is for your skin-care routine, like the carrier oil you reviewed" sound
 * like one sentence five times (a demo shopper's list did). Over the synthetic world's shoppers,
 * with a figure required as in the demo, few lists may repeat an opening; before the preference, 59
 * of its 104 lists did.
 */
class ListOpeningsTest {
  private final SyntheticWorld world = new SyntheticWorld(17);

  @Test
  void listsRarelyRepeatAnOpening() {
    Map<String, String> openings = new HashMap<>();
    for (Templates.Shape s : Templates.SHAPES) {
      openings.put(s.id(), Leads.of(s.skeleton(ReasonLocale.EN)));
    }
    Recommender r =
        Recommender.create(
            ReasonSettings.from(Config.defaults().with("reasons.require-figure", "true")),
            world.catalog,
            world.coViews,
            new BruteForceSimilarity(world.catalog),
            SyntheticWorld.USERS);
    int lists = 0;
    int repeating = 0;
    for (List<Recommendation> list : r.recommend(world.users)) {
      if (list.size() < 2) {
        continue;
      }
      lists++;
      Set<String> seen = new HashSet<>();
      boolean repeats = false;
      for (Recommendation rec : list) {
        repeats |= !seen.add(opening(rec.template(), openings));
      }
      repeating += repeats ? 1 : 0;
    }
    System.err.printf(
        "[figures] %d of %d lists of two or more repeat an opening%n", repeating, lists);
    assertThat(lists).as("lists to judge").isGreaterThan(30);
    assertThat((double) repeating / lists)
        .as("share of lists repeating an opening")
        .isLessThan(0.15);
  }

  /**
   * The opening of a template id such as {@code routine_figure#c125.en} or {@code
   * coview_figure#2+popularity.en}: its shape's; one that leads with the item's attributes opens
   * with those; an id of no shape is its own opening.
   */
  private static String opening(String templateId, Map<String, String> openings) {
    if (templateId.contains("+attribute.")) {
      return "attribute lead";
    }
    String shape = templateId.replaceAll("[+.].*$", "");
    return openings.getOrDefault(shape, templateId);
  }
}
