package io.reasonflow.reasons.verify;

import io.reasonflow.common.model.Anchor;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.model.VectorMath;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.reasons.evidence.AnchorEvidence;
import io.reasonflow.reasons.evidence.CoViewStatus;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.PopularityScale;
import io.reasonflow.reasons.evidence.Relation;
import io.reasonflow.reasons.evidence.RelationRule;
import io.reasonflow.reasons.evidence.TitleTerms;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.Lexicaliser;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.SlotRenderer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a realised reason against the raw stores (profile, co-view table, item catalogue), never
 * trusting the realiser or the evidence it was given:
 *
 * <ul>
 *   <li>form: the text is its skeleton filled with its claims' text, the skeleton has no digits of
 *       its own, every slot is claimed once, the reason names one of the shopper's items and every
 *       claim is about that item and the recommended candidate;
 *   <li>each claim: the anchor is in the profile's recent items with the stated action; a count
 *       equals the co-view table and is at least the privacy threshold; a share is the table's
 *       count over the anchor's shoppers; a term is salient in both titles; a relation or
 *       similarity holds by the same rules evidence uses; a popularity bucket is the candidate's;
 *       and every slot's text is what its value renders to;
 *   <li>the evidence written next to the reason: its anchors are the shopper's, its figures equal
 *       the stores', and no figure under the privacy threshold appears.
 * </ul>
 */
public final class FaithfulnessVerifier {
  private final ItemCatalog catalog;
  private final CoViewTable coViews;
  private final TitleTerms terms;
  private final RelationRule relationRule;
  private final PopularityScale popularity;
  private final SlotRenderer renderer;
  private final int minShoppers;
  private final double similarCosine;
  private final Set<EventType> dataActions;
  private AspectClaimCheck aspects; // null: the data has no review text, aspect claims fail
  private ReviewerNameCheck reviewerNames; // null likewise: no name from reviews passes

  public FaithfulnessVerifier(
      ItemCatalog catalog,
      CoViewTable coViews,
      TitleTerms terms,
      RelationRule relationRule,
      PopularityScale popularity,
      SlotRenderer renderer,
      int minShoppers,
      double similarCosine) {
    this(
        catalog,
        coViews,
        terms,
        relationRule,
        popularity,
        renderer,
        minShoppers,
        similarCosine,
        Set.of());
  }

  /**
   * @param dataActions the event types of the shoppers' data as the verifier reads them from the
   *     profile snapshot ({@link io.reasonflow.reasons.evidence.DataActions}); empty when unknown
   */
  public FaithfulnessVerifier(
      ItemCatalog catalog,
      CoViewTable coViews,
      TitleTerms terms,
      RelationRule relationRule,
      PopularityScale popularity,
      SlotRenderer renderer,
      int minShoppers,
      double similarCosine,
      Set<EventType> dataActions) {
    this.dataActions = Set.copyOf(dataActions);
    this.catalog = catalog;
    this.coViews = coViews;
    this.terms = terms;
    this.relationRule = relationRule;
    this.popularity = popularity;
    this.renderer = renderer;
    this.minShoppers = minShoppers;
    this.similarCosine = similarCosine;
  }

  /**
   * This verifier, also checking review-aspect claims against {@code store} (aspects praised by at
   * least {@code minReviewers} reviewers).
   */
  public FaithfulnessVerifier withReviewAspects(
      io.reasonflow.reasons.aspects.ReviewAspects store, int minReviewers) {
    FaithfulnessVerifier v =
        new FaithfulnessVerifier(
            catalog,
            coViews,
            terms,
            relationRule,
            popularity,
            renderer,
            this.minShoppers,
            similarCosine,
            dataActions);
    v.aspects = new AspectClaimCheck(store, minReviewers);
    v.reviewerNames =
        new ReviewerNameCheck(store, io.reasonflow.reasons.aspects.ReviewerTypes.MIN_REVIEWERS);
    return v;
  }

  public Verdict verify(
      UserProfile profile, String candidateId, RealisedReason reason, Evidence evidence) {
    List<Verdict.Failure> failures = new ArrayList<>();
    checkForm(reason, candidateId, failures);
    for (Claim c : reason.claims()) {
      check(c, profile, candidateId, reason, failures);
    }
    checkEvidence(profile, candidateId, evidence, failures);
    return new Verdict(failures);
  }

  // ---------------------------------------------------------------- form

  private void checkForm(RealisedReason r, String candidateId, List<Verdict.Failure> failures) {
    if (r.skeleton().chars().anyMatch(Character::isDigit)) {
      failures.add(
          new Verdict.Failure(
              null, "the skeleton has digits outside slots: '" + r.skeleton() + "'"));
    }
    List<String> slots = Lexicaliser.slotNames(r.skeleton());
    if (new HashSet<>(slots).size() != slots.size()) {
      failures.add(new Verdict.Failure(null, "a slot occurs twice in '" + r.skeleton() + "'"));
    }
    for (Claim c : r.claims()) {
      if (c.slot() != null && !slots.contains(c.slot().name())) {
        failures.add(
            new Verdict.Failure(c, "claims slot " + c.slot() + " that the text does not have"));
      }
    }
    try {
      String filled = Lexicaliser.fill(r.skeleton(), r.claims());
      if (!filled.equals(r.text())) {
        failures.add(
            new Verdict.Failure(
                null,
                "the text is not its skeleton filled with its claims: '"
                    + r.text()
                    + "' vs '"
                    + filled
                    + "'"));
      }
    } catch (IllegalArgumentException e) {
      failures.add(new Verdict.Failure(null, e.getMessage()));
    }
    List<Claim> anchors = r.claims().stream().filter(c -> c instanceof Claim.AnchorClaim).toList();
    List<Claim> aboutAnchors = r.claims().stream().filter(c -> c.anchor() != null).toList();
    boolean namesNoItem =
        anchors.isEmpty()
            && aboutAnchors.size() == 1
            && aboutAnchors.get(0) instanceof Claim.ActionClaim;
    if (namesNoItem) {
      // "Picked from the items you reviewed recently": says only what the shopper did, for a
      // shopper none of whose items can be named; the action is checked below
    } else if (anchors.size() != 1) {
      failures.add(
          new Verdict.Failure(
              null,
              "a reason names exactly one of the shopper's items, this names " + anchors.size()));
    } else {
      String anchorId = anchors.get(0).anchor();
      for (Claim c : r.claims()) {
        if (c.anchor() != null && !c.anchor().equals(anchorId)) {
          failures.add(
              new Verdict.Failure(
                  c, "is about " + c.anchor() + " but the reason names " + anchorId));
        }
      }
    }
    for (Claim c : r.claims()) {
      candidateOf(c)
          .filter(id -> !id.equals(candidateId))
          .ifPresent(
              id ->
                  failures.add(
                      new Verdict.Failure(
                          c, "is about item " + id + " but the recommendation is " + candidateId)));
    }
  }

  private static Optional<String> candidateOf(Claim c) {
    return Optional.ofNullable(
        switch (c) {
          case Claim.CoViewCountClaim x -> x.candidateId();
          case Claim.ShareClaim x -> x.candidateId();
          case Claim.SharedTermClaim x -> x.candidateId();
          case Claim.PopularityClaim x -> x.candidateId();
          case Claim.RelationClaim x -> x.candidateId();
          case Claim.SimilarityClaim x -> x.candidateId();
          case Claim.TypeClaim x -> x.candidateId();
          case Claim.SameBrandClaim x -> x.candidateId();
          case Claim.SameTypeClaim x -> x.candidateId();
          case Claim.SameRoutineClaim x -> x.candidateId();
          case Claim.AspectClaim x -> x.candidateId();
          case Claim.AspectCountClaim x -> x.candidateId();
          case Claim.AspectReviewersClaim x -> x.candidateId();
          case Claim.AspectShareClaim x -> x.candidateId();
          case Claim.AttributeClaim x -> x.candidateId();
          default -> null;
        });
  }

  // ---------------------------------------------------------------- claims

  private void check(
      Claim claim,
      UserProfile profile,
      String candidateId,
      RealisedReason r,
      List<Verdict.Failure> failures) {
    String problem =
        switch (claim) {
          case Claim.AnchorClaim c -> checkAnchor(c, profile, r);
          case Claim.ActionClaim c -> checkAction(c, profile, r);
          case Claim.CoViewCountClaim c -> checkCount(c, candidateId);
          case Claim.ShareClaim c -> checkShare(c, candidateId, r);
          case Claim.CoActionClaim c -> checkCoAction(c, r);
          case Claim.SharedTermClaim c -> checkTerm(c, candidateId);
          case Claim.PopularityClaim c -> checkPopularity(c, candidateId, r);
          case Claim.RelationClaim c -> checkRelation(c, candidateId);
          case Claim.SimilarityClaim c -> checkSimilarity(c, candidateId);
          case Claim.TypeClaim c -> checkType(c, candidateId, r);
          case Claim.SameBrandClaim c -> checkSameBrand(c, candidateId);
          case Claim.SameTypeClaim c -> checkSameType(c, candidateId);
          case Claim.SameRoutineClaim c -> checkSameRoutine(c, candidateId, r);
          case Claim.AspectClaim c ->
              aspects == null ? NO_REVIEWS : aspects.check(c, candidateId, r.locale());
          case Claim.AspectCountClaim c ->
              aspects == null ? NO_REVIEWS : aspects.check(c, candidateId);
          case Claim.AspectReviewersClaim c ->
              aspects == null ? NO_REVIEWS : aspects.check(c, candidateId);
          case Claim.AspectShareClaim c ->
              aspects == null ? NO_REVIEWS : aspects.check(c, candidateId, r.locale());
          case Claim.UserAspectClaim c ->
              aspects == null ? NO_REVIEWS : aspects.check(c, profile, r.locale());
          case Claim.AttributeClaim c -> checkAttribute(c, candidateId, r);
        };
    if (problem != null) {
      failures.add(new Verdict.Failure(claim, problem));
    }
  }

  private static final String NO_REVIEWS = "no review text to check an aspect claim against";

  /**
   * A catalogue attribute: the brand and category leaf must be the catalogue row's, and every
   * specification must be found again in the title by {@link CatalogueSpecs}, the verifier's own
   * reading.
   */
  private String checkAttribute(Claim.AttributeClaim c, String candidateId, RealisedReason r) {
    Optional<ItemFeatures> f = catalog.get(candidateId);
    if (f.isEmpty()) {
      return "the item is not in the catalogue";
    }
    var item = f.get().item();
    if (c.brand() == null && c.category() == null && c.specs().isEmpty()) {
      return "claims no attribute";
    }
    if (c.brand() != null && (item.brand() == null || !item.brand().strip().equals(c.brand()))) {
      return "says the brand is " + c.brand() + "; the catalogue says " + item.brand();
    }
    String leaf = item.categoryPath().isEmpty() ? null : item.categoryPath().getLast().strip();
    if (c.category() != null && !c.category().equals(leaf)) {
      return "says it is listed under " + c.category() + "; the catalogue says " + leaf;
    }
    for (String spec : c.specs()) {
      String problem = CatalogueSpecs.check(item.title(), spec);
      if (problem != null) {
        return problem;
      }
    }
    return rendered(c, renderer.attributes(c.brand(), c.category(), c.specs(), r.locale()));
  }

  /** Names that are only a generic noun: "the item you reviewed" tells a shopper nothing. */
  private static final Set<String> NAMES_NOTHING = Set.of("item", "product", "产品", "商品");

  private String checkAnchor(Claim.AnchorClaim c, UserProfile profile, RealisedReason r) {
    if (recentAnchor(profile, c.itemId()).isEmpty()) {
      return "item " + c.itemId() + " is not among the shopper's recent items";
    }
    Optional<ItemFeatures> item = catalog.get(c.itemId());
    if (item.isEmpty()) {
      return "item " + c.itemId() + " is not in the catalogue";
    }
    String title = item.get().item().displayName();
    String expected = renderer.anchor(title, r.locale());
    if (!expected.equals(c.rendered())) {
      return "names the item '" + c.rendered() + "' but the item is named '" + expected + "'";
    }
    var said = renderer.namer().reviewerType(title);
    if (said.isEmpty() && io.reasonflow.reasons.realise.ItemNamer.untitled(title)) {
      return "names item "
          + c.itemId()
          + " by its id: it has no title and no type most of its reviewers call it by";
    }
    if (NAMES_NOTHING.contains(c.rendered())) {
      return "names item " + c.itemId() + " '" + c.rendered() + "', which names nothing";
    }
    if (said.isPresent()) { // no title: named by what its reviewers call it, recounted here
      return reviewerNames == null
          ? "names an untitled item by its reviews, but there is no review text to check"
          : reviewerNames.check(c.itemId(), said.get());
    }
    return typeInName(title, c.rendered());
  }

  /**
   * A name that says what kind of product the item is ("the L'Oreal nail polish remover") is
   * checked against the verifier's own reading of the title ({@link DomainCues}), not the lexicon
   * that chose the type.
   */
  private String typeInName(String title, String name) {
    var type = renderer.namer().type(title);
    if (type.isEmpty()
        || !(name.endsWith(" " + type.get().en()) || name.endsWith(" " + type.get().zh()))) {
      return null;
    }
    String clean = io.reasonflow.reasons.realise.ItemNamer.clean(title);
    String head = TypeHeadCheck.check(clean, type.get());
    if (head != null) {
      return head; // a quote of the title's words is still false when they modify another noun
    }
    if (clean
        .toLowerCase(java.util.Locale.ROOT)
        .contains(name.toLowerCase(java.util.Locale.ROOT))) {
      return null; // the title's own words, in any case ("hair repair mask"): a quote claims
      // nothing
      // the title does not say
    }
    return DomainCues.check(clean, type.get());
  }

  private String checkAction(Claim.ActionClaim c, UserProfile profile, RealisedReason r) {
    Optional<Anchor> a = recentAnchor(profile, c.anchorId());
    if (a.isEmpty()) {
      return "item " + c.anchorId() + " is not among the shopper's recent items";
    }
    if (a.get().type() != c.action()) {
      return "says the shopper " + c.action() + " the item; the profile says " + a.get().type();
    }
    return rendered(c, renderer.action(c.action(), r.locale()));
  }

  private String checkCount(Claim.CoViewCountClaim c, String candidateId) {
    int truth = coViews.count(c.anchorId(), candidateId);
    if (truth != c.count()) {
      return "quotes " + c.count() + " shoppers; the co-view table has " + truth;
    }
    if (truth < minShoppers) {
      return "quotes a figure of "
          + truth
          + " shoppers, under the privacy threshold of "
          + minShoppers;
    }
    return rendered(c, renderer.count(c.count()));
  }

  private String checkShare(Claim.ShareClaim c, String candidateId, RealisedReason r) {
    int count = coViews.count(c.anchorId(), candidateId);
    if (count < minShoppers) {
      return "quotes a share backed by "
          + count
          + " shoppers, under the privacy threshold of "
          + minShoppers;
    }
    int of = catalog.get(c.anchorId()).map(ItemFeatures::shoppers).orElse(0);
    if (count != c.count() || of != c.of()) {
      return "claims " + c.count() + " of " + c.of() + "; the stores give " + count + " of " + of;
    }
    // what the words say is read from the words, against the stores' counts: never the realiser's
    // arithmetic
    return SharePhraseMeaning.check(c.rendered(), count, of, r.locale());
  }

  private String checkCoAction(Claim.CoActionClaim c, RealisedReason r) {
    if (!c.actions().equals(dataActions)) {
      return "says the other shoppers "
          + c.actions()
          + "; the data's event types are "
          + dataActions;
    }
    return rendered(c, renderer.coAction(dataActions, r.locale()));
  }

  private String checkTerm(Claim.SharedTermClaim c, String candidateId) {
    String a = title(c.anchorId());
    String b = title(candidateId);
    if (a == null || b == null) {
      return "an item is not in the catalogue";
    }
    if (!terms.salient(a).contains(c.term()) || !terms.salient(b).contains(c.term())) {
      return "'" + c.term() + "' is not a salient term of both titles ('" + a + "', '" + b + "')";
    }
    return rendered(c, renderer.term(c.term(), b));
  }

  private String checkPopularity(Claim.PopularityClaim c, String candidateId, RealisedReason r) {
    int shoppers = catalog.get(candidateId).map(ItemFeatures::shoppers).orElse(0);
    var truth = popularity.bucket(shoppers);
    if (truth != c.bucket()) {
      return "says " + c.bucket() + "; with " + shoppers + " shoppers the item is " + truth;
    }
    return rendered(c, renderer.popularity(c.bucket(), r.locale()));
  }

  private String checkRelation(Claim.RelationClaim c, String candidateId) {
    Optional<ItemFeatures> a = catalog.get(c.anchorId());
    Optional<ItemFeatures> b = catalog.get(candidateId);
    if (a.isEmpty() || b.isEmpty()) {
      return "an item is not in the catalogue";
    }
    String titleA = a.get().item().displayName();
    String titleB = b.get().item().displayName();
    var typeA = renderer.namer().type(titleA);
    var typeB = renderer.namer().type(titleB);
    if (c.relation() == Relation.COMPLEMENT) {
      // stated apart from the rule: a "goes well with" needs two known, different kinds of product
      // and shoppers who had both; co-viewing alone is no complement
      if (typeA.isEmpty() || typeB.isEmpty()) {
        return "says COMPLEMENT, but "
            + (typeA.isEmpty() ? "'" + titleA + "'" : "'" + titleB + "'")
            + " names no known product type";
      }
      if (typeA.equals(typeB)) {
        return "says COMPLEMENT, but both are a "
            + typeA.get().en()
            + " (one would replace the other)";
      }
      if (coViews.count(c.anchorId(), candidateId) == 0) {
        return "says COMPLEMENT, but no shopper had both items";
      }
    }
    var truth = relationRule.classify(titleA, titleB, coViews.count(c.anchorId(), candidateId));
    if (truth != c.relation() || truth == Relation.RELATED) {
      return "says "
          + c.relation()
          + "; by their product types ("
          + typeName(a.get())
          + ", "
          + typeName(b.get())
          + ") the items are "
          + truth;
    }
    // each item's type re-read from its title's own routine words, not the lexicon that chose it
    for (var t : List.of(java.util.Map.entry(titleA, typeA), java.util.Map.entry(titleB, typeB))) {
      String clean = io.reasonflow.reasons.realise.ItemNamer.clean(t.getKey());
      String problem = TypeHeadCheck.check(clean, t.getValue().orElseThrow());
      problem = problem != null ? problem : DomainCues.check(clean, t.getValue().orElseThrow());
      if (problem != null) {
        return "says " + c.relation() + ", but '" + t.getKey() + "' " + problem;
      }
    }
    return null;
  }

  private String checkSimilarity(Claim.SimilarityClaim c, String candidateId) {
    Optional<ItemFeatures> a = catalog.get(c.anchorId());
    Optional<ItemFeatures> b = catalog.get(candidateId);
    if (a.isEmpty() || b.isEmpty()) {
      return "an item is not in the catalogue";
    }
    double cos = VectorMath.cosine(a.get().vector(), b.get().vector());
    return cos >= similarCosine
        ? null
        : "calls the items close, but their cosine "
            + String.format("%.3f", cos)
            + " is under "
            + similarCosine;
  }

  private String checkType(Claim.TypeClaim c, String candidateId, RealisedReason r) {
    String title = title(candidateId);
    if (title == null) {
      return "the item is not in the catalogue";
    }
    String problem = typeOf(title, c.type());
    if (problem != null) {
      return problem;
    }
    return rendered(c, renderer.type(renderer.namer().type(title).orElseThrow(), r.locale()));
  }

  /**
   * Null when the title is a {@code type} by the lexicon and by the verifier's own routine words.
   */
  private String typeOf(String title, String type) {
    var truth = renderer.namer().type(title);
    if (truth.isEmpty() || !truth.get().en().equals(type)) {
      return "says '"
          + title
          + "' is a "
          + type
          + "; by its title it is "
          + truth.map(t -> "a " + t.en()).orElse("of no known type");
    }
    String clean = io.reasonflow.reasons.realise.ItemNamer.clean(title);
    String head = TypeHeadCheck.check(clean, truth.get());
    return head != null ? head : DomainCues.check(clean, truth.get());
  }

  private String checkSameType(Claim.SameTypeClaim c, String candidateId) {
    String a = title(c.anchorId());
    String b = title(candidateId);
    if (a == null || b == null) {
      return "an item is not in the catalogue";
    }
    String problem = typeOf(a, c.type());
    if (problem == null) {
      problem = typeOf(b, c.type());
    }
    if (problem == null
        && relationRule.classify(a, b, coViews.count(c.anchorId(), candidateId))
            != Relation.SUBSTITUTE) {
      // "another makeup brush, like the powder brush" offers one instead of the other: both must
      // do the same job within the type, not a blush brush for a powder brush
      problem =
          "says both are a " + c.type() + " for one job, but their titles name different roles";
    }
    return problem;
  }

  private String checkSameRoutine(Claim.SameRoutineClaim c, String candidateId, RealisedReason r) {
    for (String id : List.of(c.anchorId(), candidateId)) {
      String title = title(id);
      if (title == null) {
        return "an item is not in the catalogue";
      }
      var type = renderer.namer().type(title);
      if (type.isEmpty() || !type.get().domain().equals(c.domain()) || c.domain().equals("other")) {
        return "says '"
            + title
            + "' is for "
            + c.domain()
            + "; by its title it is "
            + type.map(t -> "a " + t.en() + " (" + t.domain() + ")").orElse("of no known type");
      }
      String clean = io.reasonflow.reasons.realise.ItemNamer.clean(title);
      String problem = TypeHeadCheck.check(clean, type.get());
      problem = problem != null ? problem : DomainCues.check(clean, type.get());
      if (problem != null) {
        return problem;
      }
    }
    return rendered(c, renderer.routine(c.domain(), r.locale()));
  }

  /**
   * Read from the titles' words, not from the brand statistics that chose the brand: both titles,
   * cleaned of marketing noise, start with the brand's words, case aside ("Suave Professionals ..."
   * and "Suave Naturals ..." share "Suave").
   */
  private String checkSameBrand(Claim.SameBrandClaim c, String candidateId) {
    String a = title(c.anchorId());
    String b = title(candidateId);
    if (a == null || b == null) {
      return "an item is not in the catalogue";
    }
    if (c.brand() == null
        || c.brand().isBlank()
        || !c.brand().codePoints().anyMatch(Character::isLetter)) {
      return "names no brand";
    }
    for (String id : List.of(c.anchorId(), candidateId)) {
      if (catalog.get(id).map(f -> f.item().title().isEmpty()).orElse(true)) {
        return "item " + id + " has no catalogue title, so no brand to share";
      }
    }
    for (String t : List.of(a, b)) {
      if (!startsWithWords(io.reasonflow.reasons.realise.ItemNamer.clean(t), c.brand())) {
        return "says both are " + c.brand() + ", but '" + t + "' does not start with that brand";
      }
    }
    return null;
  }

  private static boolean startsWithWords(String title, String words) {
    String t = title.toLowerCase(java.util.Locale.ROOT);
    String w = words.toLowerCase(java.util.Locale.ROOT).strip();
    return t.startsWith(w)
        && (t.length() == w.length() || !Character.isLetterOrDigit(t.charAt(w.length())));
  }

  private static String rendered(Claim c, String expected) {
    return expected.equals(c.rendered())
        ? null
        : "its text '" + c.rendered() + "' is not what the value renders to ('" + expected + "')";
  }

  // ---------------------------------------------------------------- evidence

  private void checkEvidence(
      UserProfile profile, String candidateId, Evidence e, List<Verdict.Failure> failures) {
    if (!e.candidateId().equals(candidateId) || !e.userId().equals(profile.userId())) {
      failures.add(
          new Verdict.Failure(null, "the evidence is for " + e.userId() + "/" + e.candidateId()));
    }
    Set<String> seen = new HashSet<>();
    for (AnchorEvidence a : e.anchors()) {
      String problem = checkAnchorEvidence(profile, candidateId, a);
      if (problem == null && !seen.add(a.itemId())) {
        problem = "lists the anchor twice";
      }
      if (problem != null) {
        failures.add(
            new Verdict.Failure(null, "evidence for anchor " + a.itemId() + ": " + problem));
      }
    }
  }

  private String checkAnchorEvidence(UserProfile profile, String candidateId, AnchorEvidence a) {
    if (recentAnchor(profile, a.itemId()).isEmpty()) {
      return "not among the shopper's recent items";
    }
    int truth = coViews.count(a.itemId(), candidateId);
    CoViewStatus status =
        truth == 0
            ? CoViewStatus.NONE
            : truth < minShoppers ? CoViewStatus.BELOW_PRIVACY_THRESHOLD : CoViewStatus.QUOTABLE;
    if (a.coViewStatus() == CoViewStatus.QUOTABLE) {
      if (status != CoViewStatus.QUOTABLE || a.coViews() == null || a.coViews().value() != truth) {
        return "quotes "
            + (a.coViews() == null ? "no" : a.coViews().value())
            + " co-viewers; the table has "
            + truth
            + " (threshold "
            + minShoppers
            + ")";
      }
    } else if (a.coViews() != null || a.share() != null || a.lift() != null) {
      return "carries a co-view figure although it is marked " + a.coViewStatus();
    } else if (a.coViewStatus() == CoViewStatus.BELOW_PRIVACY_THRESHOLD
        && status != a.coViewStatus()) {
      return "marked " + a.coViewStatus() + " but the table gives " + status;
    }
    int shoppers = catalog.get(a.itemId()).map(ItemFeatures::shoppers).orElse(-1);
    if (!Objects.equals(a.anchorShoppers().value(), shoppers)) {
      return "says " + a.anchorShoppers().value() + " shoppers; the catalogue has " + shoppers;
    }
    return null;
  }

  private String typeName(ItemFeatures f) {
    return relationRule
        .typer()
        .typeOf(f.item().displayName())
        .map(t -> t.en())
        .orElse("no known type");
  }

  private String title(String itemId) {
    return catalog.get(itemId).map(f -> f.item().displayName()).orElse(null);
  }

  private static Optional<Anchor> recentAnchor(UserProfile profile, String itemId) {
    return profile.recent().stream().filter(a -> a.itemId().equals(itemId)).findFirst();
  }
}
