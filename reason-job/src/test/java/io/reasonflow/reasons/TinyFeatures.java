package io.reasonflow.reasons;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.seqrec.NextItemFile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.evidence.EvidenceBuilder;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.evidence.TitleTerms;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.verify.FaithfulnessVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A hand-made feature set, written through the real stores and read back. Values and what follows
 * from them:
 *
 * <pre>
 * item title                                             vector        shoppers
 * A    OPI Nail Lacquer, Big Apple Red, 0.5 Fluid Ounce  (1, 0, 0)     96
 * B    OPI Nail Lacquer, Lincoln Park After Dark         (.8, .6, 0)   20
 * C    Seche Vite Dry Fast Top Coat                      (.6, .8, 0)   100
 * D    Avalon Biotin Thickening Shampoo                  (0, 0, 1)     10
 * E    Avalon Biotin Thickening Conditioner              (0, .6, .8)   5
 * F    Maybelline Cover Stick Concealer                  (0, 1, 0)     8
 * co-views: A-C 12 (quotable: 12/96 = exactly 1 in 8), A-B 3 (under the threshold 5),
 *           D-E 5 (quotable: 5/10 = exactly 1 in 2), B-C 0
 * u1: recent [A reviewed, D viewed]; u2: recent [B bought]; 200 shoppers in all (for lift)
 * popularity, shoppers sorted 5 8 10 20 96 100, percentile = share of items with fewer shoppers:
 *   C 5/6 = .83 >= .8 BEST_SELLER; A 4/6, B 3/6 POPULAR; D 2/6, F 1/6, E 0 < .5 HIDDEN_GEM
 * title terms (max doc fraction .5 of 6 titles = 3): opi/nail/lacquer and avalon/biotin/thickening are in 2 titles
 * </pre>
 */
public final class TinyFeatures {
  public static final int TOTAL_SHOPPERS = 200;

  public final FeatureLayout layout;
  public final Config config;
  public final ItemCatalog catalog;
  public final CoViewTable coViews;
  public final TitleTerms terms;
  public final PopularityScale popularity;
  public final SlotRenderer renderer;
  public final UserProfile u1;
  public final UserProfile u2;

  public TinyFeatures(Path dir) {
    layout = new FeatureLayout(dir);
    config =
        Config.defaults()
            .with("reasons.terms.max-doc-fraction", "0.5")
            .with("reasons.popularity.best-seller-percentile", "0.8");
    JsonLines.writeAll(
        layout.items(),
        List.of(
            item("A", "OPI Nail Lacquer, Big Apple Red, 0.5 Fluid Ounce", 96, 1, 0, 0),
            item("B", "OPI Nail Lacquer, Lincoln Park After Dark", 20, .8f, .6f, 0),
            item("C", "Seche Vite Dry Fast Top Coat", 100, .6f, .8f, 0),
            item("D", "Avalon Biotin Thickening Shampoo", 10, 0, 0, 1),
            item("E", "Avalon Biotin Thickening Conditioner", 5, 0, .6f, .8f),
            item("F", "Maybelline Cover Stick Concealer", 8, 0, 1, 0)));
    CoViewTable.write(
        layout.coViews(),
        Map.of(
            CoViewTable.key("A", "C"),
            12,
            CoViewTable.key("A", "B"),
            3,
            CoViewTable.key("D", "E"),
            5));
    JsonLines.writeAll(
        layout.profiles(),
        List.of(
            profile(
                "u1",
                List.of(
                    new Anchor("A", EventType.REVIEW, 2000),
                    new Anchor("D", EventType.VIEW, 1000))),
            profile("u2", List.of(new Anchor("B", EventType.PURCHASE, 1000)))));
    catalog = ItemCatalog.read(layout.items());
    coViews = CoViewTable.read(layout.coViews());
    List<UserProfile> profiles = JsonLines.readAll(layout.profiles(), UserProfile.class);
    u1 = profiles.get(0);
    u2 = profiles.get(1);
    terms = TitleTerms.over(List.copyOf(catalog.displayNames()), 0.5);
    popularity = PopularityScale.of(catalog, ReasonSettings.from(config).evidence());
    renderer = new SlotRenderer(popularity.bestSellerTopPercent());
  }

  public EvidenceBuilder evidence() {
    return EvidenceBuilder.of(
        ReasonSettings.from(config).evidence(),
        catalog,
        coViews,
        terms,
        io.reasonflow.reasons.realise.ItemNamer.over(catalog).relations(),
        popularity,
        TOTAL_SHOPPERS);
  }

  public FaithfulnessVerifier verifier() {
    return new FaithfulnessVerifier(
        catalog,
        coViews,
        terms,
        new RelationRule(io.reasonflow.reasons.evidence.ProductTypes.shipped()),
        popularity,
        renderer,
        5,
        0.5);
  }

  /**
   * A next-item model over A and {@code next} in which, after A, only {@code next} follows (both
   * tables, weight 1): for u1 (newest A) it puts {@code next} first among the candidates when the
   * next-item weight is 1.
   */
  public static NextItemFile nextItemAfterA(String next, String trainedWith) {
    int[][] t = {{1}, {}};
    float[][] w = {{1}, {}};
    return new NextItemFile(
        trainedWith,
        2,
        0.9,
        List.of("A", next),
        new NextItemFile.Table(t, w),
        new NextItemFile.Table(t, w));
  }

  private static ItemFeatures item(String id, String title, int shoppers, float... v) {
    return new ItemFeatures(
        Item.ofTitle(id, title), v, 1, ItemFeatures.VectorSource.BEHAVIOUR, shoppers, List.of());
  }

  private static UserProfile profile(String user, List<Anchor> recent) {
    float[] v = new float[3];
    List<String> seen = recent.stream().map(Anchor::itemId).toList();
    return new UserProfile(user, v, 1, recent, seen, recent.size(), 2000);
  }
}
