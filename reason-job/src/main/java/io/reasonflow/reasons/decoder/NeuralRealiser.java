package io.reasonflow.reasons.decoder;

import io.reasonflow.reasons.evidence.AnchorEvidence;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.Relation;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.Lexicaliser;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.Realiser;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.Slot;
import io.reasonflow.reasons.realise.SlotRenderer;
import io.reasonflow.reasons.realise.TemplateKind;
import io.reasonflow.reasons.realise.Templates;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes reasons with the neural decoder. For each evidence it cites the anchor with the most to
 * say, decodes a delexicalised skeleton under {@link ConstrainedBeamSearch}, and fills the slots
 * through the same {@link SlotRenderer} and {@link Lexicaliser} the templates use, so its claims
 * are the same {@link Claim} types and the verifier checks them alike. What the wording asserts (a
 * COMPLEMENT, a SUBSTITUTE, similarity) is read back from the finished text by the model's cue
 * phrases, however the decoder spelled them, and claimed too.
 *
 * <p>A beam the length bound had to close is still true but reads cut off; it is offered only after
 * every complete beam, with a template id starting {@code decoder-cut:}, and {@link
 * VerifiedRealiser} never shows it.
 *
 * <p>Reasons for one item are drawn from the {@code variety} best beams by a stable hash of shopper
 * and item, so the same item is explained differently to different shoppers and identically on
 * every run.
 */
public final class NeuralRealiser implements Realiser {
  public static final String NAME = "decoder";

  private final Map<ReasonLocale, ConstrainedBeamSearch> search = new EnumMap<>(ReasonLocale.class);
  private final Map<ReasonLocale, DecoderModel> models = new EnumMap<>(ReasonLocale.class);
  private final Map<ReasonLocale, java.util.Set<String>> bank = new EnumMap<>(ReasonLocale.class);
  private final SlotRenderer renderer;
  private final double similarCosine;
  private final DecodingSettings settings;

  /**
   * @param similarCosine the least vector similarity at which a reason may call the candidate
   *     "close"
   */
  public NeuralRealiser(
      List<DecoderModel> models,
      SlotRenderer renderer,
      double similarCosine,
      DecodingSettings settings) {
    for (DecoderModel m : models) {
      this.models.put(m.locale(), m);
      search.put(m.locale(), new ConstrainedBeamSearch(m, settings));
      List<String> skeletons = m.metadata().bankSkeletons();
      bank.put(
          m.locale(), skeletons == null ? java.util.Set.of() : java.util.Set.copyOf(skeletons));
    }
    this.renderer = renderer;
    this.similarCosine = similarCosine;
    this.settings = settings;
  }

  /**
   * The beam memo's hits, misses and keys over every locale (all 0 when {@code decoder.memoise} is
   * off).
   */
  public BeamMemo.Stats memoStats() {
    long hits = 0;
    long misses = 0;
    int keys = 0;
    for (ConstrainedBeamSearch s : search.values()) {
      BeamMemo.Stats st = s.memoStats();
      hits += st.hits();
      misses += st.misses();
      keys += st.keys();
    }
    return new BeamMemo.Stats(hits, misses, keys);
  }

  @Override
  public String name() {
    return NAME;
  }

  public boolean supports(ReasonLocale locale) {
    return models.containsKey(locale);
  }

  @Override
  public Optional<RealisedReason> realise(Evidence evidence, ReasonLocale locale) {
    return realiseBatch(List.of(evidence), locale).get(0);
  }

  /**
   * One reason per evidence (empty when it names none of the shopper's items), decoded in one
   * batch.
   */
  public List<Optional<RealisedReason>> realiseBatch(List<Evidence> evidence, ReasonLocale locale) {
    return alternativesBatch(evidence, locale).stream()
        .map(alts -> alts.isEmpty() ? Optional.<RealisedReason>empty() : Optional.of(alts.get(0)))
        .toList();
  }

  /**
   * Every reason the beams produced per evidence, the one to show first: the verifier falls back
   * along this list. One forward pass per step for the whole batch.
   */
  public List<List<RealisedReason>> alternativesBatch(
      List<Evidence> evidence, ReasonLocale locale) {
    ConstrainedBeamSearch beams = search.get(locale);
    if (beams == null) {
      throw new IllegalStateException(
          "no " + locale.tag() + " decoder loaded (have " + models.keySet() + ")");
    }
    List<AnchorEvidence> cited = new ArrayList<>();
    List<AnchorFacts> facts = new ArrayList<>();
    List<Integer> decoded = new ArrayList<>();
    for (int i = 0; i < evidence.size(); i++) {
      Evidence e = evidence.get(i);
      AnchorEvidence best = null;
      AnchorFacts bestFacts = null;
      for (AnchorEvidence a : e.anchors()) {
        AnchorFacts f = AnchorFacts.of(a, e, similarCosine);
        if (bestFacts == null || f.richness() > bestFacts.richness()) {
          best = a;
          bestFacts = f;
        }
      }
      if (best != null) {
        cited.add(best);
        facts.add(bestFacts);
        decoded.add(i);
      }
    }
    List<List<Hypothesis>> hyps = beams.decode(facts);
    List<List<RealisedReason>> out = new ArrayList<>();
    for (int i = 0; i < evidence.size(); i++) {
      out.add(List.of());
    }
    Tokeniser tokeniser = models.get(locale).tokeniser();
    for (int j = 0; j < decoded.size(); j++) {
      Evidence e = evidence.get(decoded.get(j));
      List<RealisedReason> reasons = new ArrayList<>();
      List<RealisedReason> likelyNew = new ArrayList<>();
      List<RealisedReason> cutOff = new ArrayList<>();
      java.util.Set<String> copied = bank.get(locale);
      double best =
          hyps.get(j).stream()
              .filter(Hypothesis::complete)
              .mapToDouble(Hypothesis::logProbability)
              .max()
              .orElse(Double.NEGATIVE_INFINITY);
      for (Hypothesis h : hyps.get(j)) {
        RealisedReason r =
            lexicalise(
                tokeniser.join(h.tokens()), cited.get(j), e, locale, tokeniser, h.complete());
        if (!h.complete()) {
          cutOff.add(r);
        } else if (settings.novelMargin() > 0
            && !copied.contains(r.skeleton())
            && h.logProbability() >= best - settings.novelMargin()) {
          likelyNew.add(r);
        } else {
          reasons.add(r);
        }
      }
      reasons.addAll(0, likelyNew); // each group still best first
      List<RealisedReason> ranked = new ArrayList<>(rotate(reasons, e));
      ranked.addAll(
          cutOff); // true but cut off by the length bound: last resort, after every complete beam
      out.set(decoded.get(j), ranked);
    }
    return out;
  }

  /**
   * Moves the beam picked for this shopper and item (among the {@code variety} best) to the front.
   */
  private List<RealisedReason> rotate(List<RealisedReason> reasons, Evidence e) {
    int n = Math.min(settings.variety(), reasons.size());
    if (n <= 1) {
      return reasons;
    }
    int pick = Math.floorMod((e.userId() + "\u0000" + e.candidateId()).hashCode(), n);
    List<RealisedReason> out = new ArrayList<>(reasons.size());
    out.add(reasons.get(pick));
    for (int i = 0; i < reasons.size(); i++) {
      if (i != pick) {
        out.add(reasons.get(i));
      }
    }
    return out;
  }

  private RealisedReason lexicalise(
      String skeleton,
      AnchorEvidence a,
      Evidence e,
      ReasonLocale locale,
      Tokeniser tokeniser,
      boolean complete) {
    String c = e.candidateId();
    List<Claim> claims = new ArrayList<>();
    List<String> slots = Lexicaliser.slotNames(skeleton);
    for (String name : slots) {
      Slot slot = Slot.valueOf(name);
      switch (slot) {
        case ANCHOR ->
            claims.add(new Claim.AnchorClaim(a.itemId(), renderer.anchor(a.title(), locale)));
        case ACTION ->
            claims.add(
                new Claim.ActionClaim(a.itemId(), a.action(), renderer.action(a.action(), locale)));
        case COUNT ->
            claims.add(
                new Claim.CoViewCountClaim(
                    a.itemId(), c, a.coViews().value(), renderer.count(a.coViews().value())));
        case SHARE ->
            claims.add(
                new Claim.ShareClaim(
                    a.itemId(),
                    c,
                    a.share().count(),
                    a.share().of(),
                    renderer.share(a.share().count(), a.share().of(), locale)));
        case CO_ACTION ->
            claims.add(new Claim.CoActionClaim(renderer.dataActions(), renderer.coAction(locale)));
        case TERM -> {
          String term = a.sharedTerms().value().get(0);
          claims.add(
              new Claim.SharedTermClaim(
                  a.itemId(), c, term, renderer.term(term, e.candidateTitle())));
        }
        case POPULARITY -> {
          PopularityBucket bucket = e.popularity().bucket();
          claims.add(new Claim.PopularityClaim(c, bucket, renderer.popularity(bucket, locale)));
        }
        case TYPE, ROUTINE, ASPECT, ASPECT_COUNT, ASPECT_OF, ASPECT_SHARE, USER_ASPECT ->
            throw new IllegalStateException(
                "the decoder writes no " + slot + " slot"); // AnchorFacts forbids it
      }
    }
    Set<Assertion> asserted = tokeniser.assertions(skeleton);
    for (Assertion as : asserted) {
      claims.add(
          switch (as) {
            case COMPLEMENT -> new Claim.RelationClaim(a.itemId(), c, Relation.COMPLEMENT);
            case SUBSTITUTE -> new Claim.RelationClaim(a.itemId(), c, Relation.SUBSTITUTE);
            case SIMILAR -> new Claim.SimilarityClaim(a.itemId(), c);
          });
    }
    TemplateKind kind = kindOf(slots, asserted);
    String id =
        (complete ? NAME : NAME + "-cut")
            + ":"
            + Templates.id(kind, slots.contains(Slot.POPULARITY.name()), locale);
    return new RealisedReason(
        Lexicaliser.fill(skeleton, claims), skeleton, id, locale, NAME, claims);
  }

  /**
   * The template kind a decoded sentence corresponds to, by the same priority the template realiser
   * uses.
   */
  static TemplateKind kindOf(List<String> slots, Set<Assertion> asserted) {
    if (slots.contains(Slot.COUNT.name())) {
      return asserted.contains(Assertion.COMPLEMENT)
          ? TemplateKind.COMPLEMENT_FIGURE
          : TemplateKind.COVIEW_FIGURE;
    }
    if (slots.contains(Slot.TERM.name())) {
      return TemplateKind.SHARED_TERM;
    }
    return asserted.contains(Assertion.SIMILAR) ? TemplateKind.SIMILAR : TemplateKind.FROM_RECENT;
  }
}
