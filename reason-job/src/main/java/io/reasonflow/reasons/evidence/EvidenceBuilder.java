package io.reasonflow.reasons.evidence;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.model.VectorMath;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.reasons.ReasonSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds {@link Evidence} deterministically from the feature stores: the profile's recent items,
 * the co-view table, and the items' titles, vectors and shopper counts.
 */
public final class EvidenceBuilder {
  static final String COVIEWS = "coviews.tsv.gz";
  static final String ITEMS = "items.jsonl.gz";

  private final ItemCatalog catalog;
  private final CoViewTable coViews;
  private final TitleTerms terms;
  private final RelationRule relationRule;
  private final PopularityScale popularity;
  private final int minShoppers;
  private final int maxAnchors;
  private final long totalShoppers;

  /**
   * @param minShoppers co-view figures backed by fewer shoppers are withheld
   * @param maxAnchors anchors kept per evidence, strongest first
   * @param totalShoppers all shoppers (profiles), for lift; 0 when unknown (no lift then)
   */
  public EvidenceBuilder(
      ItemCatalog catalog,
      CoViewTable coViews,
      TitleTerms terms,
      RelationRule relationRule,
      PopularityScale popularity,
      int minShoppers,
      int maxAnchors,
      long totalShoppers) {
    if (minShoppers < 1 || maxAnchors < 1) {
      throw new IllegalArgumentException("minShoppers and maxAnchors must be at least 1");
    }
    this.catalog = catalog;
    this.coViews = coViews;
    this.terms = terms;
    this.relationRule = relationRule;
    this.popularity = popularity;
    this.minShoppers = minShoppers;
    this.maxAnchors = maxAnchors;
    this.totalShoppers = totalShoppers;
  }

  public static EvidenceBuilder of(
      ReasonSettings.EvidenceSettings settings,
      ItemCatalog catalog,
      CoViewTable coViews,
      TitleTerms terms,
      PopularityScale popularity,
      long totalShoppers) {
    return new EvidenceBuilder(
        catalog,
        coViews,
        terms,
        RelationRule.forCatalogue(catalog),
        popularity,
        settings.minShoppers(),
        settings.maxAnchors(),
        totalShoppers);
  }

  public int minShoppers() {
    return minShoppers;
  }

  /** The evidence for recommending {@code candidateId} to the shopper of {@code profile}. */
  public Evidence build(UserProfile profile, String candidateId) {
    ItemFeatures candidate =
        catalog
            .get(candidateId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "candidate " + candidateId + " is not in " + ITEMS));
    List<Ranked> ranked = new ArrayList<>();
    List<Anchor> recent = profile.recent();
    for (int i = 0; i < recent.size(); i++) {
      Anchor a = recent.get(i);
      if (a.itemId().equals(candidateId)) {
        continue;
      }
      int index = i;
      catalog.get(a.itemId()).ifPresent(f -> ranked.add(rank(a, index, f, candidate)));
    }
    ranked.sort(Ranked.ORDER);
    List<AnchorEvidence> anchors = ranked.stream().limit(maxAnchors).map(Ranked::evidence).toList();
    return new Evidence(
        profile.userId(),
        candidateId,
        candidate.item().displayName(),
        popularityOf(candidate),
        anchors,
        minShoppers);
  }

  /** An anchor's evidence with the private sort keys the public record must not carry. */
  private record Ranked(AnchorEvidence evidence, double coViewStrength, int recentIndex) {
    static final Comparator<Ranked> ORDER =
        Comparator.comparing((Ranked r) -> !r.evidence.quotable())
            .thenComparing(Comparator.comparingDouble(Ranked::coViewStrength).reversed())
            .thenComparing(
                Comparator.comparingDouble((Ranked r) -> r.evidence.similarity().value())
                    .reversed())
            .thenComparingInt(Ranked::recentIndex);
  }

  private Ranked rank(Anchor anchor, int recentIndex, ItemFeatures a, ItemFeatures c) {
    int count = coViews.count(a.id(), c.id());
    String pair = COVIEWS + " pair(" + a.id() + "," + c.id() + ")";
    CoViewStatus status =
        count == 0
            ? CoViewStatus.NONE
            : count < minShoppers ? CoViewStatus.BELOW_PRIVACY_THRESHOLD : CoViewStatus.QUOTABLE;
    boolean quotable = status == CoViewStatus.QUOTABLE && count <= a.shoppers();
    if (status == CoViewStatus.QUOTABLE && !quotable) {
      // More co-viewers than the anchor has shoppers: the stores disagree, so the figure is not
      // trusted.
      status = CoViewStatus.NONE;
    }
    String title = a.item().displayName();
    String cTitle = c.item().displayName();
    double similarity = VectorMath.cosine(a.vector(), c.vector());
    Relation relation = relationRule.classify(title, cTitle, count);
    AnchorEvidence e =
        new AnchorEvidence(
            a.id(),
            title,
            anchor.type(),
            "profile.recent[" + recentIndex + "]",
            status,
            quotable ? Sourced.of(count, pair) : null,
            Sourced.of(a.shoppers(), ITEMS + "[" + a.id() + "].shoppers"),
            quotable ? Share.of(count, a.shoppers()) : null,
            quotable ? lift(count, a.shoppers(), c.shoppers()) : null,
            Sourced.of(
                similarity,
                "cosine(" + ITEMS + "[" + a.id() + "].vector, [" + c.id() + "].vector)"),
            Sourced.of(
                terms.shared(title, cTitle), "salient title terms of " + a.id() + " and " + c.id()),
            Sourced.of(relation, relationRule.describe()));
    double strength =
        a.shoppers() > 0 && c.shoppers() > 0
            ? count / Math.sqrt((double) a.shoppers() * c.shoppers())
            : 0;
    return new Ranked(e, strength, recentIndex);
  }

  /**
   * P(c | a) / P(c): how much likelier the candidate is among the anchor's shoppers than among
   * everyone.
   */
  private Sourced<Double> lift(int count, int anchorShoppers, int candidateShoppers) {
    if (totalShoppers <= 0 || candidateShoppers <= 0) {
      return null;
    }
    double lift = ((double) count / anchorShoppers) / ((double) candidateShoppers / totalShoppers);
    return Sourced.of(
        lift, "(coviews/shoppers(anchor)) / (shoppers(candidate)/" + totalShoppers + " profiles)");
  }

  private Popularity popularityOf(ItemFeatures c) {
    return new Popularity(
        popularity.bucket(c.shoppers()),
        popularity.percentile(c.shoppers()),
        Sourced.of(c.shoppers(), ITEMS + "[" + c.id() + "].shoppers"));
  }
}
