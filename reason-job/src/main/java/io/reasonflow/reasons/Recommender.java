package io.reasonflow.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.seqrec.NextItemScorer;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.reasons.candidates.Candidate;
import io.reasonflow.reasons.candidates.CandidateGenerator;
import io.reasonflow.reasons.candidates.CandidateModels;
import io.reasonflow.reasons.candidates.SimilarItems;
import io.reasonflow.reasons.decoder.BeamMemo;
import io.reasonflow.reasons.evidence.DataActions;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.EvidenceBuilder;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import io.reasonflow.reasons.evidence.ProductTypes;
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.evidence.TitleTerms;
import io.reasonflow.reasons.evidence.Variants;
import io.reasonflow.reasons.explain.ExplainerRealiser;
import io.reasonflow.reasons.explain.decoder.ExplainerModel;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.ItemNamer;
import io.reasonflow.reasons.realise.Leads;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.Realiser;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateRealiser;
import io.reasonflow.reasons.verify.FaithfulnessVerifier;
import io.reasonflow.reasons.verify.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Shoppers in, top-k recommendations with verified reasons out: candidates, evidence, realisation,
 * verification. A reason that fails verification is never emitted: the realiser proposes reasons in
 * order of preference and the first one the verifier accepts is emitted; each one turned down is
 * counted ({@link #rejected()}), and a candidate none of whose reasons verifies is dropped. The
 * template realiser's proposals may make claims (a product type) that the verifier's own reading
 * turns down; that is the check working, not a bug.
 *
 * <p>Reasons come from the template realiser, or ({@code reasons.realiser = decoder}) from the
 * review-trained explainer ({@link ExplainerRealiser}: the template's verified link to the
 * shopper's item followed by the explainer's sentence about the product, the whole checked by the
 * verifier, the template's reasons where it fails). The explainer runs one forward pass per token
 * for a whole batch, so {@link #recommend(List)} realises in rounds: each round takes, for every
 * shopper not yet served, as many of their next candidates (in rank order) as they still lack
 * recommendations, and realises all of them in one batch. A candidate is accepted or skipped
 * exactly as one at a time would be, so batching changes only speed.
 */
public final class Recommender {
  /** {@code reasons.realiser}: who writes the reasons. */
  public enum RealiserChoice {
    TEMPLATE,
    DECODER
  }

  private final ItemCatalog catalog;
  private final CandidateGenerator candidates;
  private final EvidenceBuilder evidence;
  private final Realiser realiser;
  private final ExplainerRealiser verified; // null: templates only
  private final FaithfulnessVerifier verifier;
  private final ReasonLocale locale;
  private final List<ReasonLocale> otherLocales;
  private final int topK;
  private final boolean requireFigure;
  private final AtomicLong rejected;
  private final AtomicLong otherLocaleRejected;
  private final AtomicLong variantsCollapsed;
  // counted where the reason is chosen, not in the verifier loop: the loop offers several verified
  // reasons per item and the list may turn some down (a sentence it already used)
  private final AtomicLong decoderAccepted;
  private final AtomicLong templateFallbacks;
  private final Variants variants;

  /**
   * Reasons from {@code realiser} alone (each checked by {@code verifier}).
   *
   * @param topK recommendations per shopper at most
   * @param requireFigure recommend only items whose reason quotes a co-view figure
   */
  public Recommender(
      ItemCatalog catalog,
      CandidateGenerator candidates,
      EvidenceBuilder evidence,
      Realiser realiser,
      FaithfulnessVerifier verifier,
      ReasonLocale locale,
      int topK,
      boolean requireFigure) {
    this(
        catalog,
        candidates,
        evidence,
        realiser,
        null,
        verifier,
        locale,
        List.of(),
        topK,
        requireFigure);
  }

  /**
   * Reasons from the explainer with the verifier in the loop, falling back to templates inside
   * {@code verified}.
   */
  public Recommender(
      ItemCatalog catalog,
      CandidateGenerator candidates,
      EvidenceBuilder evidence,
      ExplainerRealiser verified,
      FaithfulnessVerifier verifier,
      ReasonLocale locale,
      int topK,
      boolean requireFigure) {
    this(
        catalog,
        candidates,
        evidence,
        null,
        verified,
        verifier,
        locale,
        List.of(),
        topK,
        requireFigure);
  }

  private Recommender(
      ItemCatalog catalog,
      CandidateGenerator candidates,
      EvidenceBuilder evidence,
      Realiser realiser,
      ExplainerRealiser verified,
      FaithfulnessVerifier verifier,
      ReasonLocale locale,
      List<ReasonLocale> otherLocales,
      int topK,
      boolean requireFigure) {
    this.catalog = catalog;
    this.candidates = candidates;
    this.evidence = evidence;
    this.realiser = realiser;
    this.verified = verified;
    this.verifier = verifier;
    this.locale = locale;
    this.otherLocales = List.copyOf(otherLocales);
    this.topK = topK;
    this.requireFigure = requireFigure;
    this.rejected = new AtomicLong();
    this.otherLocaleRejected = new AtomicLong();
    this.variantsCollapsed = new AtomicLong();
    this.decoderAccepted = new AtomicLong();
    this.templateFallbacks = new AtomicLong();
    // variants are told by product type: the catalogue's own lexicon, as the namer picks it (two
    // packs of Fender picks are no beauty type, so they were never collapsed)
    this.variants = new Variants(ProductTypes.forCatalogue(catalog));
  }

  /**
   * This recommender with {@code model} as its next-item model (a newly published one), sharing
   * everything else (realisers, verifier, loaded explainers) and its running totals, which go on
   * counting for both.
   */
  public Recommender withNextItemModel(NextItemScorer model) {
    return new Recommender(this, candidates.withNextItemModel(model));
  }

  /** The next-item model its candidates blend in, or null for none. */
  public NextItemScorer nextItemModel() {
    return candidates.nextItemModel();
  }

  private Recommender(Recommender r, CandidateGenerator candidates) {
    this.catalog = r.catalog;
    this.candidates = candidates;
    this.evidence = r.evidence;
    this.realiser = r.realiser;
    this.verified = r.verified;
    this.verifier = r.verifier;
    this.locale = r.locale;
    this.otherLocales = r.otherLocales;
    this.topK = r.topK;
    this.requireFigure = r.requireFigure;
    this.variants = r.variants;
    this.rejected = r.rejected;
    this.otherLocaleRejected = r.otherLocaleRejected;
    this.variantsCollapsed = r.variantsCollapsed;
    this.decoderAccepted = r.decoderAccepted;
    this.templateFallbacks = r.templateFallbacks;
  }

  /**
   * Everything a recommender is assembled from, built once from configuration; also what the
   * evaluation uses, so it scores exactly what the job would emit.
   */
  public record Components(
      ItemCatalog catalog,
      CandidateGenerator candidates,
      EvidenceBuilder evidence,
      FaithfulnessVerifier verifier,
      SlotRenderer renderer,
      TemplateRealiser template,
      double similarCosine,
      ReasonLocale locale,
      int topK,
      boolean requireFigure,
      SimilarItems similar,
      io.reasonflow.reasons.aspects.ReviewAspects reviews,
      int minShoppers) {

    /** The ids of the items with no title, once per catalogue: a few (131 of Beauty's 12,101). */
    private static final ItemCatalog.Derived<List<String>> UNTITLED =
        new ItemCatalog.Derived<>(
            catalog -> {
              List<String> untitled = new ArrayList<>();
              catalog.forEach(
                  f -> {
                    if (f.item().title().isEmpty()) {
                      untitled.add(f.id());
                    }
                  });
              return List.copyOf(untitled);
            });

    /** As below, with no event types named and no learned candidate models. */
    public static Components of(
        ReasonSettings settings,
        ItemCatalog catalog,
        CoViewTable coViews,
        SimilarItems similar,
        long totalShoppers) {
      return of(settings, catalog, coViews, similar, totalShoppers, Set.of(), null);
    }

    /**
     * @param dataActions the event types of the shoppers' data ({@link DataActions}), which co-view
     *     reasons name; empty when unknown
     * @param models the learned next-item models as candidate sources ({@link
     *     CandidateGenerator#withModels}), or null for none
     */
    public static Components of(
        ReasonSettings settings,
        ItemCatalog catalog,
        CoViewTable coViews,
        SimilarItems similar,
        long totalShoppers,
        Set<EventType> dataActions,
        CandidateModels models) {
      ReasonSettings.EvidenceSettings es = settings.evidence();
      // the catalogue-wide statistics are computed once per catalogue and shared by every
      // recommender over it (ItemCatalog.derived): a pass over every item each
      TitleTerms terms = TitleTerms.over(catalog, es.termsMaxDocFraction());
      PopularityScale popularity = PopularityScale.of(catalog, es);
      double similarCosine = es.similarCosine();
      Optional<io.reasonflow.reasons.aspects.ReviewAspects> reviews =
          Optional.ofNullable(settings.reviews()).map(ReasonSettings.ReviewSource::read);
      // the product types of the catalogue's own category (detected from its titles), and items
      // without a title named by what their reviewers call them
      ItemNamer namer = ItemNamer.over(catalog);
      if (reviews.isPresent()) {
        namer =
            namer.withReviewerTypes(
                io.reasonflow.reasons.aspects.ReviewerTypes.of(
                    reviews.get(), namer.types(), catalog.derived(UNTITLED)));
      }
      SlotRenderer renderer =
          new SlotRenderer(popularity.bestSellerTopPercent(), namer, dataActions);
      // one typing of titles for the relations evidence proposes, the reasons' names and the
      // verifier's re-reading: proposals typed otherwise were turned down by the verifier
      RelationRule relations = namer.relations();
      EvidenceBuilder builder =
          EvidenceBuilder.of(es, catalog, coViews, terms, relations, popularity, totalShoppers);
      FaithfulnessVerifier verifier =
          new FaithfulnessVerifier(
              catalog,
              coViews,
              terms,
              relations,
              popularity,
              renderer,
              builder.minShoppers(),
              similarCosine,
              dataActions);
      // catalogue attributes (brand, category, and the title's specifications where the catalogue
      // is typed by the instruments lexicon, the one whose titles state them)
      boolean specs = namer.types() == io.reasonflow.reasons.evidence.ProductTypes.instruments();
      TemplateRealiser template =
          new TemplateRealiser(renderer, similarCosine)
              .withAttributes(
                  id ->
                      catalog
                          .get(id)
                          .flatMap(
                              f -> io.reasonflow.reasons.evidence.Attributes.of(f.item(), specs)));
      if (reviews.isPresent()) { // review aspects: proposed first, checked by the same verifier
        template =
            template.withContent(
                new io.reasonflow.reasons.aspects.AspectReasons(
                    reviews.get(), builder.minShoppers()));
        verifier = verifier.withReviewAspects(reviews.get(), builder.minShoppers());
      }
      return new Components(
          catalog,
          new CandidateGenerator(catalog, similar, popularity, settings.candidates())
              .withModels(models == null ? CandidateModels.NONE : models, settings.models()),
          builder,
          verifier,
          renderer,
          template,
          similarCosine,
          settings.locale(),
          settings.topK(),
          settings.requireFigure(),
          similar,
          reviews.orElse(null),
          builder.minShoppers());
    }
  }

  /**
   * Wires the realiser {@code reasons.realiser} names: {@code template}, or {@code decoder} (the
   * explainers in {@value ReasonSettings#EXPLAINER_DIR_KEY} for {@code reasons.locale} and {@code
   * reasons.locales}, behind the verifier).
   *
   * @throws UserError when the explainer is chosen but {@value ReasonSettings#EXPLAINER_DIR_KEY} is
   *     unset, or holds no readable model for a locale
   */
  public static Recommender create(
      ReasonSettings settings,
      ItemCatalog catalog,
      CoViewTable coViews,
      SimilarItems similar,
      long totalShoppers) {
    return create(settings, catalog, coViews, similar, totalShoppers, Set.of(), null, null);
  }

  /**
   * As above, naming the data's event types {@code dataActions} in co-view reasons, with the
   * learned next-item models {@code learned} as candidate sources (null: none), and the explainers
   * already loaded ({@link #loadExplainers}; null: loaded here when {@code reasons.realiser =
   * decoder}): a task loads them once and keeps them when it re-opens the stores of a newly
   * published version.
   */
  public static Recommender create(
      ReasonSettings settings,
      ItemCatalog catalog,
      CoViewTable coViews,
      SimilarItems similar,
      long totalShoppers,
      Set<EventType> dataActions,
      CandidateModels learned,
      Map<ReasonLocale, ExplainerModel> explainers) {
    RealiserChoice choice = settings.realiser();
    Components c =
        Components.of(settings, catalog, coViews, similar, totalShoppers, dataActions, learned);
    List<ReasonLocale> others = settings.otherLocales();
    if (choice == RealiserChoice.TEMPLATE) {
      return new Recommender(
          catalog,
          c.candidates(),
          c.evidence(),
          c.template(),
          null,
          c.verifier(),
          c.locale(),
          others,
          c.topK(),
          c.requireFigure());
    }
    Map<ReasonLocale, ExplainerModel> models =
        explainers != null ? explainers : loadExplainers(settings);
    ExplainerRealiser explainer =
        new ExplainerRealiser(
            models,
            catalog,
            similar,
            c.renderer(),
            c.template(),
            c.verifier(),
            c.reviews(),
            c.minShoppers(),
            c.requireFigure(),
            true);
    return new Recommender(
        catalog,
        c.candidates(),
        c.evidence(),
        null,
        explainer,
        c.verifier(),
        c.locale(),
        others,
        c.topK(),
        c.requireFigure());
  }

  /**
   * The explainers for {@code reasons.locale} and every locale of {@code reasons.locales}, from
   * {@value ReasonSettings#EXPLAINER_DIR_KEY}.
   *
   * @throws UserError naming the key and the file when one is missing or cannot be read
   */
  public static Map<ReasonLocale, ExplainerModel> loadExplainers(ReasonSettings settings) {
    String key = ReasonSettings.EXPLAINER_DIR_KEY;
    List<ReasonLocale> locales = new ArrayList<>();
    locales.add(settings.locale());
    locales.addAll(settings.otherLocales());
    if (settings.explainerDir() == null) {
      throw new UserError(
          "reasons.realiser = decoder needs a trained explainer, but "
              + key
              + " is empty; train one with ./reasonflow train-explainer and point "
              + key
              + " at its output directory, or set reasons.realiser = template");
    }
    Path p = Path.of(settings.explainerDir());
    Map<ReasonLocale, ExplainerModel> out = new LinkedHashMap<>();
    for (ReasonLocale l : locales) {
      try {
        out.put(l, ExplainerModel.load(p, l, true));
      } catch (UserError e) {
        throw new UserError(
            key + " = " + p + " (" + settings.explainerDirOrigin() + "): " + e.getMessage(), e);
      }
    }
    return Map.copyOf(out);
  }

  /** Which realiser writes the reasons: {@code template} or {@code decoder}. */
  public String realiserName() {
    return verified != null ? ExplainerRealiser.NAME : realiser.name();
  }

  public List<Recommendation> recommend(UserProfile profile) {
    return recommend(List.of(profile)).get(0);
  }

  /**
   * The recommendations of each shopper, in the order given; reasons for all of them realised in
   * batches.
   */
  public List<List<Recommendation>> recommend(List<UserProfile> profiles) {
    int n = profiles.size();
    List<List<Recommendation>> out = new ArrayList<>(n);
    List<Iterator<Candidate>> next = new ArrayList<>(n);
    // per shopper, the openings its list has used (Leads): preferred fresh, not required; the
    // same per further language, where the sentences are other shapes with other openings
    List<Set<String>> leads = new ArrayList<>(n);
    List<Map<ReasonLocale, Set<String>>> leadsInOthers = new ArrayList<>(n);
    for (UserProfile p : profiles) {
      out.add(new ArrayList<>());
      next.add(candidates.generate(p).iterator());
      leads.add(new HashSet<>());
      leadsInOthers.add(new HashMap<>());
    }
    while (true) {
      List<Integer> owner = new ArrayList<>();
      List<Candidate> pending = new ArrayList<>();
      List<Evidence> pendingEvidence = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int need = topK - out.get(i).size();
        int taken = 0;
        while (taken < need && next.get(i).hasNext()) {
          Candidate c = next.get(i).next();
          if (variantOfSeen(profiles.get(i), c.itemId())) {
            variantsCollapsed.incrementAndGet();
            continue; // another shade or size of an item the shopper has is not a new product to
            // them
          }
          Evidence e = evidence.build(profiles.get(i), c.itemId());
          if (e.anchors().isEmpty()) {
            continue; // no anchor of the shopper relates to it: an unexplained item is not
            // recommended
          }
          if (requireFigure && noFigure(e)) {
            continue; // a co-view figure is required and the templates can quote none (each
            // figure claim is written from an anchor's quotable count): writing every shape of it
            // only to turn each down was most of the work where few candidates have a figure
          }
          owner.add(i);
          pending.add(c);
          pendingEvidence.add(e);
          taken++;
        }
      }
      if (pending.isEmpty()) {
        return out;
      }
      List<List<RealisedReason>> reasons =
          realise(owner.stream().map(profiles::get).toList(), pendingEvidence, locale);
      // the primary language decides what is recommended; further languages are written for the
      // accepted ones only
      int[] size = out.stream().mapToInt(List::size).toArray();
      List<Integer> accepted = new ArrayList<>();
      List<RealisedReason> chosen = new ArrayList<>();
      // a shopper's list says "among the most popular items" at most once
      boolean[] popularitySaid = new boolean[n];
      // and no sentence twice: two items with the same anchor and figure would otherwise read alike
      List<Set<String>> said = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        popularitySaid[i] = out.get(i).stream().anyMatch(rec -> saysPopularity(rec.claims()));
        said.add(
            out.get(i).stream()
                .map(Recommendation::reason)
                .collect(Collectors.toCollection(HashSet::new)));
      }
      for (int j = 0; j < pending.size(); j++) {
        int i = owner.get(j);
        if (size[i] < topK) {
          Optional<RealisedReason> r =
              choose(
                  profiles.get(i),
                  pending.get(j),
                  pendingEvidence.get(j),
                  reasons.get(j),
                  popularitySaid[i],
                  said.get(i),
                  leads.get(i));
          if (r.isPresent()) {
            accepted.add(j);
            chosen.add(r.get());
            size[i]++;
            popularitySaid[i] |= saysPopularity(r.get().claims());
            said.get(i).add(r.get().text());
            leads.get(i).add(Leads.of(r.get().skeleton()));
            if (verified != null) {
              (r.get().realiser().equals(ExplainerRealiser.NAME)
                      ? decoderAccepted
                      : templateFallbacks)
                  .incrementAndGet();
            }
          }
        }
      }
      List<UserProfile> acceptedProfiles =
          accepted.stream().map(j -> profiles.get(owner.get(j))).toList();
      List<Evidence> acceptedEvidence = accepted.stream().map(pendingEvidence::get).toList();
      Map<ReasonLocale, List<List<RealisedReason>>> further = new LinkedHashMap<>();
      for (ReasonLocale l : otherLocales) {
        further.put(
            l, accepted.isEmpty() ? List.of() : realise(acceptedProfiles, acceptedEvidence, l));
      }
      for (int a = 0; a < accepted.size(); a++) {
        int j = accepted.get(a);
        Map<String, Recommendation.InLocale> inOthers = new LinkedHashMap<>();
        for (var f : further.entrySet()) {
          String tag = f.getKey().tag();
          Set<String> saidInLocale =
              out.get(owner.get(j)).stream()
                  .map(rec -> rec.otherLocales().get(tag))
                  .filter(l -> l != null)
                  .map(Recommendation.InLocale::reason)
                  .collect(Collectors.toSet());
          Set<String> leadsInLocale =
              leadsInOthers.get(owner.get(j)).computeIfAbsent(f.getKey(), k -> new HashSet<>());
          inLocale(
                  acceptedProfiles.get(a),
                  pending.get(j),
                  acceptedEvidence.get(a),
                  chosen.get(a),
                  f.getValue().get(a),
                  saidInLocale,
                  leadsInLocale)
              .ifPresent(
                  r -> {
                    inOthers.put(
                        tag,
                        new Recommendation.InLocale(
                            r.text(), r.realiser(), r.templateId(), r.claims()));
                    leadsInLocale.add(Leads.of(r.skeleton()));
                  });
        }
        List<Recommendation> forOne = out.get(owner.get(j));
        RealisedReason r = chosen.get(a);
        Candidate c = pending.get(j);
        forOne.add(
            new Recommendation(
                profiles.get(owner.get(j)).userId(),
                forOne.size() + 1,
                c.itemId(),
                catalog.get(c.itemId()).orElseThrow().item().displayName(),
                c.score(),
                r.text(),
                r.locale().tag(),
                r.realiser(),
                r.templateId(),
                c.via(),
                pendingEvidence.get(j),
                r.claims(),
                inOthers,
                null)); // the features version: the operator that opened the stores sets it
      }
    }
  }

  private List<List<RealisedReason>> realise(
      List<UserProfile> profiles, List<Evidence> evidence, ReasonLocale in) {
    if (verified != null) {
      return verified.optionsBatch(profiles, evidence, in, topK);
    }
    return evidence.stream().map(e -> realiser.options(e, in)).toList();
  }

  /**
   * The first proposed reason that quotes a figure where one is required, is not a sentence the
   * shopper's list already has, and that the verifier accepts; among those, the first whose opening
   * ({@link Leads}) the list has not used yet, looked for among at most {@value #FRESH_LEAD_SEARCH}
   * further proposals once one with a used opening verified (each costs a verification).
   */
  private Optional<RealisedReason> choose(
      UserProfile profile,
      Candidate c,
      Evidence e,
      List<RealisedReason> proposals,
      boolean popularitySaid,
      Set<String> saidInList,
      Set<String> leadsInList) {
    RealisedReason usedLead = null;
    int searched = 0;
    for (RealisedReason r : proposals) {
      if (requireFigure
          && r.claims().stream().noneMatch(Claim.CoViewCountClaim.class::isInstance)) {
        continue;
      }
      if (saidInList.contains(r.text())) {
        continue; // the realisers offer other shapes of the same evidence; if none is left, the
        // item is not recommended rather than explained in words the list already used
      }
      if (popularitySaid
          && saysPopularity(r.claims())
          && proposals.stream().anyMatch(o -> !saysPopularity(o.claims()))) {
        continue; // the template realiser offers the same sentence without it next
      }
      boolean freshLead = !leadsInList.contains(Leads.of(r.skeleton()));
      if (usedLead != null) {
        if (!freshLead) {
          continue; // one with a used opening is already in hand
        }
        if (++searched > FRESH_LEAD_SEARCH) {
          break;
        }
      }
      // checked again even after the verifier loop: what is emitted is verified here, whoever wrote
      // it
      Verdict verdict = verifier.verify(profile, c.itemId(), r, e);
      if (!verdict.faithful()) {
        rejected.incrementAndGet();
        continue;
      }
      if (freshLead) {
        return Optional.of(r);
      }
      usedLead = r;
    }
    return Optional.ofNullable(usedLead);
  }

  /**
   * How many more proposals {@link #choose} verifies, at most, for a fresh opening once one with a
   * used opening verified: enough to reach the next tier's shapes of one anchor, few enough that a
   * list that has used every opening costs little more than before.
   */
  private static final int FRESH_LEAD_SEARCH = 8;

  private static boolean saysPopularity(List<Claim> claims) {
    return claims != null && claims.stream().anyMatch(Claim.PopularityClaim.class::isInstance);
  }

  /**
   * A further language's reason: the first proposal that verifies in that language and makes the
   * primary reason's claims (so both languages say the same thing), preferring words the shopper's
   * list in that language has not used yet, and among those an opening ({@link Leads}) it has not
   * used yet (looked for among at most {@value #FRESH_LEAD_SEARCH} further proposals, as {@link
   * #choose} does); else the first that verifies; otherwise nothing, counted. Unlike the primary
   * language, a repeated sentence is kept when nothing else verifies: the item is already chosen,
   * and a missing translation would show the shopper another language.
   */
  private Optional<RealisedReason> inLocale(
      UserProfile profile,
      Candidate c,
      Evidence e,
      RealisedReason primary,
      List<RealisedReason> proposals,
      Set<String> saidInList,
      Set<String> leadsInList) {
    // best first: the primary's claims in words and an opening the list has not used yet; in words
    // not used yet; other verified words not used yet; the primary's claims even if the list used
    // those words; any verified words
    RealisedReason best = null;
    int bestRank = 5;
    int searched = 0;
    Set<Claim> meant = Claim.meanings(primary.claims());
    for (RealisedReason r : proposals) {
      boolean same = Claim.meanings(r.claims()).equals(meant);
      boolean fresh = !saidInList.contains(r.text());
      boolean freshLead = same && fresh && !leadsInList.contains(Leads.of(r.skeleton()));
      int rank = same ? (fresh ? (freshLead ? 0 : 1) : 3) : (fresh ? 2 : 4);
      // only a better rank than the one in hand is worth a verification (verifying every proposal
      // was most of a further language's cost)
      if (rank >= bestRank) {
        continue;
      }
      if (bestRank == 1 && ++searched > FRESH_LEAD_SEARCH) {
        break; // the primary's claims in fresh words are in hand; a fresh opening costs little more
      }
      if (!verifier.verify(profile, c.itemId(), r, e).faithful()) {
        continue;
      }
      best = r;
      bestRank = rank;
      if (rank == 0) {
        break;
      }
    }
    if (best != null) {
      return Optional.of(best);
    }
    otherLocaleRejected.incrementAndGet();
    return Optional.empty();
  }

  /** Whether no anchor of the evidence has a co-view count a reason could quote. */
  private static boolean noFigure(Evidence e) {
    return e.anchors().stream().allMatch(a -> a.coViews() == null);
  }

  /** Whether the candidate is a variant (shade, size, pack) of an item the shopper already has. */
  private boolean variantOfSeen(UserProfile profile, String candidateId) {
    String title = catalog.get(candidateId).map(f -> f.item().displayName()).orElse(null);
    for (String seen : profile.seenItems()) {
      String t = catalog.get(seen).map(f -> f.item().displayName()).orElse(null);
      if (t != null && variants.variants(t, title)) {
        return true;
      }
    }
    return false;
  }

  /** Candidates skipped as variants of an item the shopper already has. */
  public long variantsCollapsed() {
    return variantsCollapsed.get();
  }

  /**
   * Reasons in a further language of {@code reasons.locales} left out of their (still emitted)
   * recommendation because none was written or it failed verification in that language.
   */
  public long otherLocaleRejected() {
    return otherLocaleRejected.get();
  }

  /** Proposed reasons the verifier turned down (the next proposal was tried). */
  public long rejected() {
    return rejected.get();
  }

  /** Emitted reasons the decoder wrote (0 with the template realiser). */
  public long decoderAccepted() {
    return decoderAccepted.get();
  }

  /**
   * Explainer sentences the verifier turned down (or that could not be read as claims it checks),
   * each replaced by the template's reasons (0 with the template realiser).
   */
  public long rejectedBeams() {
    return verified == null ? 0 : verified.rejected();
  }

  /**
   * Decodings answered from a memo and run; the explainer keeps none (the bank decoder did), so
   * misses are its sentences decoded.
   */
  public BeamMemo.Stats decoderMemoStats() {
    return verified == null
        ? new BeamMemo.Stats(0, 0, 0)
        : new BeamMemo.Stats(0, verified.written() + verified.rejected(), 0);
  }

  /**
   * Emitted reasons the template realiser wrote because the explainer's sentence did not verify, or
   * the list already had it (0 with the template realiser).
   */
  public long templateFallbacks() {
    return templateFallbacks.get();
  }
}
