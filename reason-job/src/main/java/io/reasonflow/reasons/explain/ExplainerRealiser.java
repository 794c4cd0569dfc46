package io.reasonflow.reasons.explain;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.aspects.AspectCount;
import io.reasonflow.reasons.aspects.AspectNames;
import io.reasonflow.reasons.aspects.AspectReasons;
import io.reasonflow.reasons.aspects.ReviewAspects;
import io.reasonflow.reasons.candidates.Neighbour;
import io.reasonflow.reasons.candidates.SimilarItems;
import io.reasonflow.reasons.evidence.AnchorEvidence;
import io.reasonflow.reasons.evidence.Attributes;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.ItemCatalog;
import io.reasonflow.reasons.evidence.ProductType;
import io.reasonflow.reasons.explain.ExplanationExample.Role;
import io.reasonflow.reasons.explain.decoder.ClaimLexicon;
import io.reasonflow.reasons.explain.decoder.DecoderExplanationGenerator;
import io.reasonflow.reasons.explain.decoder.ExplainerDecoder;
import io.reasonflow.reasons.explain.decoder.ExplainerModel;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.Lexicaliser;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLength;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.Slot;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateRealiser;
import io.reasonflow.reasons.verify.FaithfulnessVerifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The review-trained explainer ({@link ExplainerModel}, {@code ./reasonflow train-explainer}) in
 * the reason job: for each recommendation it writes a sentence about the candidate from that
 * recommendation's own evidence, and the job's {@link FaithfulnessVerifier} checks it.
 *
 * <p>The explainer's input is PETER's: the candidate's verified facts (the aspects enough of its
 * reviewers praise, its product type, brand and catalogue category) and, as neighbours, the
 * shopper's anchor items and the candidate's nearest items in the index (their types, attributes
 * and praised aspects). Decoding is constrained to the claims the verifier can check: the
 * candidate's praised aspects by their names in the locale and its product type as the renderer
 * names it; every other claim token (a neighbour's aspect, a brand, a number) is masked.
 *
 * <p>The explainer writes what is said about the product; it was trained on review sentences and
 * has no way to say how the candidate relates to this shopper's items. So a reason is the template
 * realiser's verified link (the anchor, and its co-view figure where one is required) followed by
 * the explainer's sentence, and the verifier checks the whole: every claim token of the sentence
 * becomes a slot with its claim ({@link Claim.AspectClaim}, {@link Claim.TypeClaim}), so it is
 * checked against the review store and the catalogue like a template's. A sentence must make at
 * least one such claim: the verifier reads only claims, and a review sentence without one speaks of
 * the reviewer's own experience (delivery, a gift), which it cannot check. A sentence the verifier
 * turns down (or that cannot be read as claims: two aspects in one sentence, a number) is counted
 * ({@link #rejected()}) and the candidate gets the template's reasons; the recommender counts a
 * template reason it emits as a fallback.
 */
public final class ExplainerRealiser {
  /** What the recommendations it writes say wrote them ({@code realiser} of the output). */
  public static final String NAME = "explainer";

  /** The candidate's nearest items given as neighbours, as many as in training. */
  static final int ITEM_NEIGHBOURS = EnglishExampleBuilder.NEIGHBOURS;

  /** Aspects kept per neighbour, as in training. */
  static final int NEIGHBOUR_ASPECTS = EnglishExampleBuilder.NEIGHBOUR_ASPECTS;

  /**
   * The stars a reason is conditioned on: a recommendation speaks for the item, and review
   * sentences of 5-star reviews are the ones that do.
   */
  static final int RATING = 5;

  /** Composites verified per sentence at most, each with another link, before it falls back. */
  static final int MAX_LINK_TRIES = 3;

  private final Map<ReasonLocale, ExplainerDecoder> decoders;
  private final ItemCatalog catalog;
  private final SimilarItems similar;
  private final SlotRenderer renderer;
  private final TemplateRealiser template;
  private final FaithfulnessVerifier verifier;
  private final AspectReasons praised; // null: no review text, no aspects
  private final ReviewAspects reviews;
  private final boolean requireFigure;
  private final boolean constrained;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  /**
   * @param models one explainer per locale it writes in
   * @param reviews the review store the aspects come from, or null when the data has no review text
   * @param minReviewers reviewers who must praise an aspect before it is said
   * @param requireFigure the link must quote a co-view figure ({@code reasons.require-figure})
   * @param constrained mask claims the verifier cannot back (false only to show what the verifier
   *     catches without the mask)
   */
  public ExplainerRealiser(
      Map<ReasonLocale, ExplainerModel> models,
      ItemCatalog catalog,
      SimilarItems similar,
      SlotRenderer renderer,
      TemplateRealiser template,
      FaithfulnessVerifier verifier,
      ReviewAspects reviews,
      int minReviewers,
      boolean requireFigure,
      boolean constrained) {
    this.decoders = new LinkedHashMap<>();
    models.forEach((l, m) -> decoders.put(l, new ExplainerDecoder(m)));
    this.catalog = catalog;
    this.similar = similar;
    this.renderer = renderer;
    this.template = template;
    this.verifier = verifier;
    this.reviews = reviews;
    this.praised = reviews == null ? null : new AspectReasons(reviews, minReviewers);
    this.requireFigure = requireFigure;
    this.constrained = constrained;
  }

  /**
   * Every verified reason per evidence, best first: the explainer's (when it verified), then each
   * template proposal that verifies, until {@code enough} (a list of k reasons has used at most k -
   * 1 of them). The explainer's sentences for all evidence are decoded in one lock-step batch.
   */
  public List<List<RealisedReason>> optionsBatch(
      List<UserProfile> profiles, List<Evidence> evidence, ReasonLocale locale, int enough) {
    if (profiles.size() != evidence.size()) {
      throw new IllegalArgumentException(
          "one profile per evidence: " + profiles.size() + " vs " + evidence.size());
    }
    List<List<RealisedReason>> links = new ArrayList<>(evidence.size());
    List<List<RealisedReason>> proposed = new ArrayList<>(evidence.size());
    for (int i = 0; i < evidence.size(); i++) {
      UserProfile p = profiles.get(i);
      Evidence e = evidence.get(i);
      List<RealisedReason> verified = new ArrayList<>();
      List<RealisedReason> options = template.options(e, locale);
      proposed.add(options);
      for (RealisedReason r : options) {
        if (verified.size() >= enough) {
          break;
        }
        if (verifier.verify(p, e.candidateId(), r, e).faithful()) {
          verified.add(r);
        }
      }
      links.add(verified);
    }
    ExplainerDecoder decoder = decoders.get(locale);
    if (decoder == null) {
      return links;
    }
    List<Integer> which = new ArrayList<>();
    List<ExplanationExample> examples = new ArrayList<>();
    List<Facts> facts = new ArrayList<>();
    for (int i = 0; i < evidence.size(); i++) {
      if (links.get(i).isEmpty()) {
        continue; // nothing links the candidate to the shopper: no reason to write
      }
      Facts f = facts(evidence.get(i), locale);
      if (constrained && !decoder.anyClaimAllowed(f.keys())) {
        // the model has no word for anything checkable about this candidate (Beauty: no review
        // aspects, and product types the Instruments-trained vocabulary lacks): whatever it wrote
        // would be claim-free and refused, so it is not decoded
        rejected.incrementAndGet();
        continue;
      }
      which.add(i);
      facts.add(f);
      examples.add(example(evidence.get(i), f, locale));
    }
    List<List<String>> sentences =
        decoder.decode(
            examples,
            constrained ? facts.stream().map(Facts::keys).toList() : null,
            64,
            DecoderExplanationGenerator.defaultSampling(locale));
    List<List<RealisedReason>> out = new ArrayList<>(links);
    for (int k = 0; k < which.size(); k++) {
      int i = which.get(k);
      Optional<RealisedReason> r =
          compose(
              profiles.get(i),
              evidence.get(i),
              links.get(i),
              proposed.get(i),
              sentences.get(k),
              facts.get(k),
              decoder,
              locale);
      if (r.isPresent()) {
        written.incrementAndGet();
        List<RealisedReason> withIt = new ArrayList<>(links.get(i).size() + 1);
        withIt.add(r.get());
        withIt.addAll(links.get(i));
        out.set(i, withIt);
      } else {
        rejected.incrementAndGet();
      }
    }
    return out;
  }

  /**
   * What the verifier can check about the candidate, as the explainer's claim keys: each praised
   * aspect (key to its name in the locale) and the product type (its name).
   */
  record Facts(
      String candidateId,
      Map<String, String> aspectNames,
      Map<String, String> aspectKeys,
      ProductType type,
      String typeName,
      Set<String> keys) {}

  private Facts facts(Evidence e, ReasonLocale locale) {
    Map<String, String> names = new LinkedHashMap<>(); // aspect key -> name in the locale
    Map<String, String> byClaimKey = new HashMap<>(); // claim key of the name -> aspect key
    Set<String> keys = new HashSet<>();
    if (praised != null) {
      for (AspectCount a : praised.praised(e.candidateId())) {
        Optional<String> name = AspectNames.name(reviews, a.aspect(), locale);
        if (name.isPresent()) {
          names.put(a.aspect(), name.get());
          String k = ClaimLexicon.keyOf(locale, name.get());
          byClaimKey.put(k, a.aspect());
          keys.add(k);
        }
      }
    }
    ProductType type = renderer.namer().claimableType(e.candidateTitle()).orElse(null);
    String typeName = type == null ? "" : renderer.type(type, locale);
    if (type != null) {
      keys.add(ClaimLexicon.keyOf(locale, typeName));
    }
    return new Facts(e.candidateId(), names, byClaimKey, type, typeName, Set.copyOf(keys));
  }

  /** The explainer's input for one recommendation. */
  private ExplanationExample example(Evidence e, Facts f, ReasonLocale locale) {
    List<ExplanationExample.Neighbour> neighbours = new ArrayList<>();
    Set<String> anchors = new HashSet<>();
    for (AnchorEvidence a : e.anchors()) {
      anchors.add(a.itemId());
      neighbour(a.itemId(), Role.SHOPPER_ANCHOR, locale).ifPresent(neighbours::add);
    }
    Set<String> exclude = new HashSet<>(anchors);
    exclude.add(e.candidateId());
    for (Neighbour n : similar.similarItems(e.candidateId(), ITEM_NEIGHBOURS, exclude)) {
      neighbour(n.itemId(), Role.ITEM_NEIGHBOUR, locale).ifPresent(neighbours::add);
    }
    List<String> features =
        locale == ReasonLocale.EN
            ? List.copyOf(f.aspectNames().keySet())
            : List.copyOf(f.aspectNames().values());
    return new ExplanationExample(
        e.userId() + "/" + e.candidateId(),
        e.userId(),
        e.candidateId(),
        RATING,
        "",
        features,
        List.of(),
        f.typeName(),
        attributes(e.candidateId()),
        neighbours,
        ExplanationExample.Split.TEST);
  }

  private Optional<ExplanationExample.Neighbour> neighbour(
      String itemId, Role role, ReasonLocale locale) {
    Optional<ItemFeatures> item = catalog.get(itemId);
    if (item.isEmpty()) {
      return Optional.empty();
    }
    String type =
        renderer
            .namer()
            .claimableType(item.get().item().displayName())
            .map(t -> renderer.type(t, locale))
            .orElse("");
    List<String> aspects = new ArrayList<>();
    if (praised != null) {
      for (AspectCount a : praised.praised(itemId)) {
        if (aspects.size() == NEIGHBOUR_ASPECTS) {
          break;
        }
        if (locale == ReasonLocale.EN) {
          aspects.add(a.aspect());
        } else {
          AspectNames.name(reviews, a.aspect(), locale).ifPresent(aspects::add);
        }
      }
    }
    return Optional.of(
        new ExplanationExample.Neighbour(itemId, role, type, attributes(itemId), aspects));
  }

  private List<String> attributes(String itemId) {
    return catalog
        .get(itemId)
        .flatMap(f -> Attributes.of(f.item(), false))
        .map(
            a -> {
              List<String> out = new ArrayList<>();
              if (a.brand() != null) {
                out.add(a.brand());
              }
              if (a.category() != null) {
                out.add(a.category());
              }
              return out;
            })
        .orElse(List.of());
  }

  /**
   * The first link (a verified template reason) whose slots the sentence's claims leave free,
   * followed by the sentence, if the verifier accepts the whole.
   */
  private Optional<RealisedReason> compose(
      UserProfile profile,
      Evidence e,
      List<RealisedReason> links,
      List<RealisedReason> proposed,
      List<String> tokens,
      Facts f,
      ExplainerDecoder decoder,
      ReasonLocale locale) {
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    ClaimLexicon claims = decoder.model().tokeniser().claims();
    List<String> skeletonTokens = new ArrayList<>(tokens.size());
    List<Claim> sentenceClaims = new ArrayList<>();
    Set<Slot> used = EnumSet.noneOf(Slot.class);
    for (String t : tokens) {
      if (!claims.isClaim(t)) {
        skeletonTokens.add(t);
        continue;
      }
      Claim c = claimOf(t, f, locale);
      if (c == null || c.slot() == null || !used.add(c.slot())) {
        // a number, or a second claim of a kind: no slot to check it in
        return Optional.empty();
      }
      sentenceClaims.add(c);
      skeletonTokens.add(c.slot().token());
    }
    if (sentenceClaims.isEmpty()) {
      // nothing in it the verifier can hold against the stores: a review-trained sentence without a
      // claim is about the reviewer's experience ("arrived the same day", "the only problem is
      // perfect" on the Beauty demo), not this product, and the verifier cannot tell that apart
      return Optional.empty();
    }
    // a claim's words stay as the verifier renders them: a sentence opening with one is not
    // capitalised
    boolean capitalise = !claims.isClaim(tokens.getFirst());
    String sentence = finish(decoder.model().tokeniser().join(tokens), locale, capitalise);
    String skeleton = finish(decoder.model().tokeniser().join(skeletonTokens), locale, capitalise);
    // the verified links first; then the template's other proposals (the composite's check covers
    // the link too): with review aspects, the first proposals are aspect sentences whose {ASPECT}
    // the explainer's sentence needs
    List<RealisedReason> candidates = new ArrayList<>(links);
    proposed.stream().filter(r -> !links.contains(r)).forEach(candidates::add);
    int tries = 0;
    for (RealisedReason link : candidates) {
      Set<String> linkSlots = new HashSet<>(Lexicaliser.slotNames(link.skeleton()));
      if (used.stream().anyMatch(s -> linkSlots.contains(s.name()))) {
        continue;
      }
      if (requireFigure
          && link.claims().stream().noneMatch(Claim.CoViewCountClaim.class::isInstance)) {
        continue;
      }
      String sep = locale == ReasonLocale.EN ? " " : "";
      String text = link.text() + sep + sentence;
      if (!ReasonLength.fits(text, locale)) {
        continue;
      }
      List<Claim> all = new ArrayList<>(link.claims());
      all.addAll(sentenceClaims);
      RealisedReason r =
          new RealisedReason(
              text,
              link.skeleton() + sep + skeleton,
              NAME + ":" + link.templateId(),
              locale,
              NAME,
              all);
      if (verifier.verify(profile, e.candidateId(), r, e).faithful()) {
        return Optional.of(r);
      }
      if (++tries == MAX_LINK_TRIES) {
        return Optional.empty(); // the sentence's own claims, most likely: no link will mend them
      }
    }
    return Optional.empty();
  }

  /**
   * The claim a claim token makes about the candidate: a praised aspect or its product type when
   * the token names one; otherwise (only unconstrained) the aspect or type it names, which the
   * verifier will turn down.
   */
  private Claim claimOf(String token, Facts f, ReasonLocale locale) {
    if (token.chars().anyMatch(Character::isDigit)) {
      return null;
    }
    String key = ClaimLexicon.keyOf(locale, token);
    if (f.type() != null && key.equals(ClaimLexicon.keyOf(locale, f.typeName()))) {
      return new Claim.TypeClaim(f.candidateId(), f.type().en(), token);
    }
    String aspect = f.aspectKeys().get(key);
    if (aspect != null) {
      return new Claim.AspectClaim(f.candidateId(), aspect, token);
    }
    Optional<ProductType> named = renderer.namer().types().named(token);
    if (named.isPresent()) {
      return new Claim.TypeClaim(f.candidateId(), named.get().en(), token);
    }
    return new Claim.AspectClaim(f.candidateId(), key, token);
  }

  /** The sentence as a reason's second sentence: capitalised (en) and ended. */
  private static String finish(String s, ReasonLocale locale, boolean capitalise) {
    String t = s.strip();
    if (locale == ReasonLocale.EN) {
      if (capitalise && !t.isEmpty() && Character.isLowerCase(t.charAt(0))) {
        t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
      }
      return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }
    return t.endsWith("。") || t.endsWith("！") ? t : t + "。";
  }

  /** Locales it has a model for. */
  public Set<ReasonLocale> locales() {
    return decoders.keySet();
  }

  /** Explainer sentences the verifier accepted (offered first; the list may still skip one). */
  public long written() {
    return written.get();
  }

  /** Explainer sentences turned down (by the verifier, or unreadable as claims). */
  public long rejected() {
    return rejected.get();
  }
}
