package io.reasonflow.reasons.decoder;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.reasons.evidence.EvidenceBuilder;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import io.reasonflow.reasons.evidence.ProductTypes;
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.evidence.TitleTerms;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateRealiser;
import io.reasonflow.reasons.verify.FaithfulnessVerifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded synthetic catalogue built through the real stores and evidence builder: titles sharing
 * brands and product words, clustered vectors (so some pairs are similar or near-duplicates),
 * shopper counts across the popularity range, co-views many of them under the privacy threshold,
 * and shoppers whose recent items overlap, so the same item is recommended to several of them.
 */
public final class SyntheticWorld {
  public static final int ITEMS = 300;
  public static final int USERS = 120;

  final ItemCatalog catalog;
  final CoViewTable coViews;
  final TitleTerms terms;
  final PopularityScale popularity;
  final RelationRule rule;
  final SlotRenderer renderer;
  final EvidenceBuilder evidence;
  final FaithfulnessVerifier verifier;
  final TemplateRealiser template;
  final List<UserProfile> users = new ArrayList<>();
  private final List<ItemFeatures> items = new ArrayList<>();
  private final Map<String, Integer> pairs = new HashMap<>();

  public SyntheticWorld(long seed) {
    Random rnd = new Random(seed);
    String[] brands = {
      "OPI", "Avalon", "Maybelline", "Neutrogena", "Dove", "Essie", "Revlon", "Olay"
    };
    String[] kinds = {
      "Nail Lacquer",
      "Biotin Shampoo",
      "Cover Concealer",
      "Top Coat",
      "Argan Conditioner",
      "Liquid Eyeliner",
      "Night Cream",
      "Lip Balm",
      "Body Wash",
      "Sheet Mask"
    };
    float[][] centres = new float[kinds.length][];
    for (int k = 0; k < kinds.length; k++) {
      centres[k] = unit(rnd, 8, null, 0);
    }
    for (int i = 0; i < ITEMS; i++) {
      int k = i % kinds.length;
      String title =
          brands[rnd.nextInt(brands.length)]
              + " "
              + kinds[k]
              + ", Shade "
              + (char) ('A' + i % 26)
              + i;
      items.add(
          new ItemFeatures(
              Item.ofTitle("i" + i, title),
              unit(rnd, 8, centres[k], 0.4f),
              1,
              ItemFeatures.VectorSource.BEHAVIOUR,
              5 + (int) Math.exp(rnd.nextDouble() * Math.log(400)),
              List.of()));
    }
    for (int n = 0; n < 5_000; n++) {
      ItemFeatures a = items.get(rnd.nextInt(ITEMS));
      ItemFeatures b = items.get(rnd.nextInt(ITEMS));
      if (a != b) {
        pairs.put(
            CoViewTable.key(a.id(), b.id()), 1 + rnd.nextInt(Math.min(a.shoppers(), b.shoppers())));
      }
    }
    catalog = ItemCatalog.of(items);
    coViews = CoViewTable.of(pairs);
    terms = TitleTerms.over(items.stream().map(f -> f.item().displayName()).toList(), 0.2);
    popularity =
        new PopularityScale(items.stream().mapToInt(ItemFeatures::shoppers).toArray(), 0.9, 0.5);
    rule = new RelationRule(ProductTypes.shipped());
    renderer = new SlotRenderer(popularity.bestSellerTopPercent());
    evidence = new EvidenceBuilder(catalog, coViews, terms, rule, popularity, 5, 3, 10_000);
    verifier =
        new FaithfulnessVerifier(catalog, coViews, terms, rule, popularity, renderer, 5, 0.5);
    template = new TemplateRealiser(renderer, 0.5);
    EventType[] types = EventType.values();
    for (int u = 0; u < USERS; u++) {
      List<Anchor> recent = new ArrayList<>();
      List<String> seen = new ArrayList<>();
      int n = 1 + rnd.nextInt(6);
      for (int i = 0; i < n; i++) {
        String item = "i" + rnd.nextInt(ITEMS);
        if (!seen.contains(item)) {
          seen.add(item);
          recent.add(new Anchor(item, types[rnd.nextInt(types.length)], 1000 - i));
        }
      }
      users.add(new UserProfile("u" + u, new float[8], 1, recent, seen, n, 1000));
    }
  }

  /**
   * Writes this world as a feature-job output (items, co-views, profiles; no index): what the
   * reason job reads.
   */
  public void writeTo(io.reasonflow.common.store.FeatureLayout layout) {
    io.reasonflow.common.store.JsonLines.writeAll(layout.items(), items);
    CoViewTable.write(layout.coViews(), pairs);
    io.reasonflow.common.store.JsonLines.writeAll(layout.profiles(), users);
  }

  /**
   * {@code n} (shopper, candidate, evidence) cases; candidates come from a small pool so items
   * repeat.
   */
  List<EvaluationCase> cases(int n, long seed) {
    Random rnd = new Random(seed);
    List<EvaluationCase> out = new ArrayList<>();
    while (out.size() < n) {
      UserProfile p = users.get(rnd.nextInt(USERS));
      String c = "i" + rnd.nextInt(ITEMS / 3);
      if (!p.seenItems().contains(c)) {
        out.add(new EvaluationCase(p, c, evidence.build(p, c)));
      }
    }
    return out;
  }

  private static float[] unit(Random rnd, int dim, float[] centre, float noise) {
    float[] v = new float[dim];
    double norm = 0;
    for (int i = 0; i < dim; i++) {
      v[i] =
          (centre == null ? 0 : centre[i])
              + (float) rnd.nextGaussian() * (centre == null ? 1 : noise);
      norm += v[i] * v[i];
    }
    for (int i = 0; i < dim; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
