package io.reasonflow.reasons.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.io.ItemFileReader;
import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.EvidenceBuilder;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import io.reasonflow.reasons.evidence.ProductTypes;
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.evidence.TitleTerms;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateRealiser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * 1,000 shopper/candidate pairs over real Beauty titles (the shared data's or the shipped sample's;
 * synthetic titles when neither is there) with seeded random vectors, shopper counts, co-views
 * (many under the privacy threshold) and profiles: every reason the template realiser writes, in
 * both locales, must verify.
 */
class LargeSampleVerificationTest {
  private static final int ITEMS = 400;
  private static final int USERS = 200;
  private static final int PAIRS = 1_000;

  @Test
  void everyRealisedReasonVerifies() {
    Random rnd = new Random(7);
    List<String> titles = titles();
    List<ItemFeatures> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      items.add(
          new ItemFeatures(
              Item.ofTitle("i" + i, titles.get(i % titles.size())),
              unit(rnd, 8),
              1,
              ItemFeatures.VectorSource.BEHAVIOUR,
              5 + rnd.nextInt(300),
              List.of()));
    }
    Map<String, Integer> pairs = new HashMap<>();
    for (int n = 0; n < 6_000; n++) {
      ItemFeatures a = items.get(rnd.nextInt(ITEMS));
      ItemFeatures b = items.get(rnd.nextInt(ITEMS));
      if (a != b) {
        pairs.put(
            CoViewTable.key(a.id(), b.id()), 1 + rnd.nextInt(Math.min(a.shoppers(), b.shoppers())));
      }
    }
    ItemCatalog catalog = ItemCatalog.of(items);
    CoViewTable coViews = CoViewTable.of(pairs);
    TitleTerms terms =
        TitleTerms.over(items.stream().map(f -> f.item().displayName()).toList(), 0.05);
    PopularityScale popularity =
        new PopularityScale(items.stream().mapToInt(ItemFeatures::shoppers).toArray(), 0.95, 0.5);
    RelationRule rule = new RelationRule(ProductTypes.shipped());
    SlotRenderer renderer = new SlotRenderer(popularity.bestSellerTopPercent());
    EvidenceBuilder evidence =
        new EvidenceBuilder(catalog, coViews, terms, rule, popularity, 5, 3, 10_000);
    TemplateRealiser realiser = new TemplateRealiser(renderer, 0.5);
    FaithfulnessVerifier verifier =
        new FaithfulnessVerifier(catalog, coViews, terms, rule, popularity, renderer, 5, 0.5);

    List<UserProfile> users = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      users.add(profile("u" + u, rnd));
    }
    Set<String> templates = new TreeSet<>();
    int checked = 0;
    while (checked < PAIRS) {
      UserProfile p = users.get(rnd.nextInt(USERS));
      String candidate = "i" + rnd.nextInt(ITEMS);
      if (p.seenItems().contains(candidate)) {
        continue;
      }
      Evidence e = evidence.build(p, candidate);
      for (ReasonLocale locale : ReasonLocale.values()) {
        boolean emitted = false;
        for (RealisedReason r : realiser.options(e, locale)) {
          // every proposal verifies, except a type the verifier's own reading of the title turns
          // down
          List<Verdict.Failure> failures = verifier.verify(p, candidate, r, e).failures();
          assertThat(failures)
              .as(r.text())
              .allSatisfy(fl -> assertThat(fl.problem()).contains("its title speaks of"));
          if (failures.isEmpty() && !emitted) {
            emitted = true;
            templates.add(r.templateId().replaceAll("#.*", ""));
          }
        }
        assertThat(emitted).as("some proposal verifies").isTrue();
      }
      checked++;
    }
    // the sample exercises every kind of reason, not only the fallback
    assertThat(templates).contains("coview_figure", "complement_figure", "same_type", "type_pair");
  }

  private static UserProfile profile(String id, Random rnd) {
    List<Anchor> recent = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    int n = 1 + rnd.nextInt(8);
    EventType[] types = EventType.values();
    for (int i = 0; i < n; i++) {
      String item = "i" + rnd.nextInt(ITEMS);
      if (!seen.contains(item)) {
        seen.add(item);
        recent.add(new Anchor(item, types[rnd.nextInt(types.length)], 1000 - i));
      }
    }
    return new UserProfile(id, new float[8], 1, recent, seen, n, 1000);
  }

  private static float[] unit(Random rnd, int dim) {
    float[] v = new float[dim];
    double norm = 0;
    for (int i = 0; i < dim; i++) {
      v[i] = (float) rnd.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < dim; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  private static List<String> titles() {
    // the shared data's catalogue, else the repository's shipped sample (the same titles): a
    // checkout
    // without ../shared/data runs the same sample; synthetic titles only when neither is there
    Path items =
        Path.of(
            System.getProperty("rf.shared.data", "/nonexistent"),
            "amazon-beauty-2014/items.tsv.gz");
    if (!Files.isRegularFile(items)) {
      items =
          Path.of(
              System.getProperty("rf.repo.root", "/nonexistent"),
              "samples/amazon-beauty-2014/items.tsv.gz");
    }
    List<String> out = new ArrayList<>();
    if (Files.isRegularFile(items)) {
      new ItemFileReader()
          .read(
              items,
              i -> {
                if (out.size() < ITEMS) {
                  out.add(i.title()); // empty titles included: reasons must name them by id
                }
              },
              d -> {});
      return out;
    }
    String[] brands = {"OPI", "Avalon", "Maybelline", "Neutrogena", "Dove"};
    String[] kinds = {
      "Nail Lacquer", "Shampoo", "Concealer", "Top Coat", "Conditioner", "Eyeliner"
    };
    for (int i = 0; i < ITEMS; i++) {
      out.add(
          brands[i % brands.length]
              + " "
              + kinds[(i / 5) % kinds.length]
              + ", Shade "
              + i
              + ", 1 oz");
    }
    return out;
  }
}
