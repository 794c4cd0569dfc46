package io.reasonflow.reasons;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.reasons.candidates.Candidate;
import io.reasonflow.reasons.candidates.CandidateGenerator;
import io.reasonflow.reasons.candidates.CandidateSettings;
import io.reasonflow.reasons.candidates.SimilarItems;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.EvidenceBuilder;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.evidence.TitleTerms;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.Realiser;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateRealiser;
import io.reasonflow.reasons.verify.FaithfulnessVerifier;
import io.reasonflow.reasons.verify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One shopper in, top-k recommendations with verified reasons out: candidates, evidence, realisation, verification.
 * A reason that fails verification is never emitted; its candidate is dropped and counted ({@link #rejected()}),
 * which is a bug to investigate, not a normal outcome.
 */
public final class Recommender {
  private final ItemCatalog catalog;
  private final CandidateGenerator candidates;
  private final EvidenceBuilder evidence;
  private final Realiser realiser;
  private final FaithfulnessVerifier verifier;
  private final ReasonLocale locale;
  private final int topK;
  private final boolean requireFigure;
  private final AtomicLong rejected = new AtomicLong();

  /**
   * @param topK recommendations per shopper at most
   * @param requireFigure recommend only items whose reason quotes a co-view figure
   */
  public Recommender(ItemCatalog catalog, CandidateGenerator candidates, EvidenceBuilder evidence, Realiser realiser,
      FaithfulnessVerifier verifier, ReasonLocale locale, int topK, boolean requireFigure) {
    this.catalog = catalog;
    this.candidates = candidates;
    this.evidence = evidence;
    this.realiser = realiser;
    this.verifier = verifier;
    this.locale = locale;
    this.topK = topK;
    this.requireFigure = requireFigure;
  }

  /** Wires the template baseline from configuration. */
  public static Recommender fromConfig(Config config, ItemCatalog catalog, CoViewTable coViews, SimilarItems similar,
      long totalShoppers) {
    TitleTerms terms = TitleTerms.over(catalog.all().stream().map(f -> f.item().displayName()).toList(),
        config.decimal("reasons.terms.max-doc-fraction", 0.000001, 1));
    PopularityScale popularity = PopularityScale.of(catalog, config);
    double similarCosine = config.decimal("reasons.relation.similar-cosine", -1, 1);
    SlotRenderer renderer = new SlotRenderer(popularity.bestSellerTopPercent());
    EvidenceBuilder builder = EvidenceBuilder.fromConfig(config, catalog, coViews, terms, popularity, totalShoppers);
    FaithfulnessVerifier verifier = new FaithfulnessVerifier(catalog, coViews, terms,
        RelationRule.fromConfig(config, terms), popularity, renderer, builder.minShoppers(), similarCosine);
    return new Recommender(catalog,
        new CandidateGenerator(catalog, similar, popularity, CandidateSettings.fromConfig(config)), builder,
        new TemplateRealiser(renderer, similarCosine), verifier,
        ReasonLocale.parse(config.string("reasons.locale")), config.integer("reasons.top-k", 1, 1000),
        config.bool("reasons.require-figure"));
  }

  public List<Recommendation> recommend(UserProfile profile) {
    List<Recommendation> out = new ArrayList<>();
    for (Candidate c : candidates.generate(profile)) {
      if (out.size() == topK) {
        break;
      }
      Evidence e = evidence.build(profile, c.itemId());
      Optional<RealisedReason> reason = realiser.realise(e, locale);
      if (reason.isEmpty()) {
        continue; // no anchor of the shopper relates to it: an unexplained item is not recommended
      }
      if (requireFigure && reason.get().claims().stream().noneMatch(Claim.CoViewCountClaim.class::isInstance)) {
        continue;
      }
      Verdict verdict = verifier.verify(profile, c.itemId(), reason.get(), e);
      if (!verdict.faithful()) {
        rejected.incrementAndGet();
        continue;
      }
      RealisedReason r = reason.get();
      out.add(new Recommendation(profile.userId(), out.size() + 1, c.itemId(),
          catalog.get(c.itemId()).orElseThrow().item().displayName(), c.score(), r.text(), r.locale().tag(),
          r.realiser(), r.templateId(), c.via(), e, r.claims()));
    }
    return out;
  }

  /** Reasons dropped because they failed verification. */
  public long rejected() {
    return rejected.get();
  }
}
