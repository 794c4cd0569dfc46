package io.reasonflow.reasons.decoder;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.candidates.Candidate;
import io.reasonflow.reasons.candidates.CandidateGenerator;
import io.reasonflow.reasons.evidence.AnchorEvidence;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.evidence.EvidenceBuilder;
import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.Relation;
import io.reasonflow.reasons.realise.Claim;
import io.reasonflow.reasons.realise.Lexicaliser;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.Slot;
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
import java.util.stream.Collectors;

/**
 * Scores the template baseline and the decoder side by side on the same recommendations:
 * faithfulness before and after the verifier, slot error rate, diversity (unique sentences,
 * distinct-2), relation accuracy, personalisation, novelty against the bank, and the decoder's
 * held-out perplexity. See {@link RealiserScores} for each definition. Works on any list of
 * (shopper, item, evidence), e.g. {@link #cases} over a feature directory.
 */
public final class ReasonEvaluator {
  private final FaithfulnessVerifier verifier;
  private final TemplateRealiser template;
  private final NeuralRealiser neural;
  private final DecoderModel model;
  private final double similarCosine;

  /**
   * @param neural the decoder, or null to score the template alone
   * @param model the decoder's model for the evaluated locale (for perplexity and tokenising), or
   *     null
   */
  public ReasonEvaluator(
      FaithfulnessVerifier verifier,
      TemplateRealiser template,
      NeuralRealiser neural,
      DecoderModel model,
      double similarCosine) {
    this.verifier = verifier;
    this.template = template;
    this.neural = neural;
    this.model = model;
    this.similarCosine = similarCosine;
  }

  /** Cases for every shopper's top-k, as the reason job would recommend them. */
  public static List<EvaluationCase> cases(
      List<UserProfile> profiles, CandidateGenerator candidates, EvidenceBuilder evidence) {
    List<EvaluationCase> out = new ArrayList<>();
    for (UserProfile p : profiles) {
      for (Candidate c : candidates.generate(p)) {
        out.add(new EvaluationCase(p, c.itemId(), evidence.build(p, c.itemId())));
      }
    }
    return out;
  }

  /**
   * @param bank the bank the decoder was trained on, for novelty (null: novelty is NaN)
   */
  public EvaluationReport evaluate(
      List<EvaluationCase> cases, ReasonLocale locale, ReasonBank bank) {
    return run(cases, locale, bank).report();
  }

  /**
   * An evaluation with what it produced along the way.
   *
   * @param alternatives the decoder's reasons per case, first choice first (empty lists without a
   *     decoder)
   * @param outcomes what the verifier loop emitted per case (empty without a decoder)
   * @param loop the verifier loop, for its counts (null without a decoder)
   * @param decodeSeconds wall time of decoding every case (alternatives, one pass)
   */
  public record Run(
      EvaluationReport report,
      List<List<RealisedReason>> alternatives,
      List<VerifiedRealiser.Outcome> outcomes,
      VerifiedRealiser loop,
      double decodeSeconds) {}

  /** {@link #evaluate}, keeping the decoder's reasons and the verifier loop's outcomes. */
  public Run run(List<EvaluationCase> cases, ReasonLocale locale, ReasonBank bank) {
    List<List<RealisedReason>> keptAlternatives = List.of();
    List<VerifiedRealiser.Outcome> keptOutcomes = List.of();
    VerifiedRealiser keptLoop = null;
    double seconds = Double.NaN;
    Tokeniser tokeniser =
        model != null
            ? model.tokeniser()
            : bank != null ? bank.tokeniser() : new Tokeniser(locale, Map.of());
    Set<String> bankSkeletons =
        bank == null
            ? null
            : bank.sentences().stream().map(BankSentence::skeleton).collect(Collectors.toSet());
    List<RealiserScores> rows = new ArrayList<>();

    List<Optional<RealisedReason>> first = new ArrayList<>();
    List<Optional<RealisedReason>> emitted = new ArrayList<>();
    for (EvaluationCase c : cases) {
      Optional<RealisedReason> r = template.realise(c.evidence(), locale);
      first.add(r);
      emitted.add(r.filter(x -> faithful(c, x)));
    }
    rows.add(score("template", cases, first, emitted, 0, tokeniser, bankSkeletons));

    if (neural != null && neural.supports(locale)) {
      List<Evidence> evidence = cases.stream().map(EvaluationCase::evidence).toList();
      long t0 = System.nanoTime();
      List<List<RealisedReason>> alternatives = neural.alternativesBatch(evidence, locale);
      seconds = (System.nanoTime() - t0) / 1e9;
      List<Optional<RealisedReason>> neuralFirst =
          alternatives.stream()
              .map(a -> a.isEmpty() ? Optional.<RealisedReason>empty() : Optional.of(a.get(0)))
              .toList();
      VerifiedRealiser loop = new VerifiedRealiser(neural, template, verifier);
      // the loop over the alternatives already decoded: the same beams, without decoding twice
      List<VerifiedRealiser.Outcome> outcomes =
          loop.verifyBatch(
              cases.stream().map(EvaluationCase::profile).toList(), evidence, alternatives, locale);
      List<Optional<RealisedReason>> neuralEmitted =
          outcomes.stream().map(VerifiedRealiser.Outcome::reason).toList();
      keptAlternatives = alternatives;
      keptOutcomes = outcomes;
      keptLoop = loop;
      rows.add(
          score(
              NeuralRealiser.NAME,
              cases,
              neuralFirst,
              neuralEmitted,
              loop.fallbacks(),
              tokeniser,
              bankSkeletons));
    }
    double perplexity = model == null ? Double.NaN : heldOutPerplexity(model);
    return new Run(
        new EvaluationReport(locale.tag(), cases.size(), rows, perplexity),
        keptAlternatives,
        keptOutcomes,
        keptLoop,
        seconds);
  }

  /**
   * The decoder's perplexity on the bank sentences its training held out (recorded in its
   * metadata).
   */
  public static double heldOutPerplexity(DecoderModel model) {
    Tokeniser t = model.tokeniser();
    List<BankSentence> held = new ArrayList<>();
    for (String skeleton : model.metadata().heldOut()) {
      List<Slot> slots = Lexicaliser.slotNames(skeleton).stream().map(Slot::valueOf).toList();
      Set<Assertion> a = t.assertions(skeleton);
      held.add(
          new BankSentence(
              NeuralRealiser.kindOf(Lexicaliser.slotNames(skeleton), a), slots, a, skeleton, 0));
    }
    DecoderTrainingConfig c = model.metadata().training();
    return model.perplexity(held, c.seed(), c.unusedEvidenceKeep());
  }

  private boolean faithful(EvaluationCase c, RealisedReason r) {
    return verifier.verify(c.profile(), c.candidateId(), r, c.evidence()).faithful();
  }

  private RealiserScores score(
      String name,
      List<EvaluationCase> cases,
      List<Optional<RealisedReason>> first,
      List<Optional<RealisedReason>> emitted,
      long fallbacks,
      Tokeniser tokeniser,
      Set<String> bank) {
    int reasons = 0;
    int faithful = 0;
    double slotErrors = 0;
    double required = 0;
    int relationCases = 0;
    int relationRight = 0;
    List<String> skeletons = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      if (first.get(i).isEmpty()) {
        continue;
      }
      EvaluationCase c = cases.get(i);
      RealisedReason r = first.get(i).get();
      reasons++;
      faithful += faithful(c, r) ? 1 : 0;
      skeletons.add(r.skeleton());
      AnchorEvidence cited = citedAnchor(r, c.evidence());
      int[] ser = slotErrors(r, c.evidence(), cited);
      slotErrors += ser[0];
      required += ser[1];
      Set<Relation> claimed = EnumSet.noneOf(Relation.class);
      r.claims().stream()
          .filter(x -> x instanceof Claim.RelationClaim)
          .forEach(x -> claimed.add(((Claim.RelationClaim) x).relation()));
      Relation truth = cited == null ? Relation.RELATED : cited.relation().value();
      if (truth != Relation.RELATED || !claimed.isEmpty()) {
        relationCases++;
        relationRight += truth != Relation.RELATED && claimed.equals(EnumSet.of(truth)) ? 1 : 0;
      }
    }
    int emittedCount = 0;
    int emittedFaithful = 0;
    Map<String, Map<String, RealisedReason>> byItem = new LinkedHashMap<>();
    for (int i = 0; i < cases.size(); i++) {
      Optional<RealisedReason> r = emitted.get(i);
      if (r.isPresent()) {
        emittedCount++;
        emittedFaithful += faithful(cases.get(i), r.get()) ? 1 : 0;
        byItem
            .computeIfAbsent(cases.get(i).candidateId(), k -> new LinkedHashMap<>())
            .put(cases.get(i).profile().userId(), r.get());
      }
    }
    int shared = 0;
    int differs = 0;
    int differsDelex = 0;
    for (Map<String, RealisedReason> users : byItem.values()) {
      if (users.size() >= 2) {
        shared++;
        differs += users.values().stream().map(RealisedReason::text).distinct().count() > 1 ? 1 : 0;
        differsDelex +=
            users.values().stream().map(RealisedReason::skeleton).distinct().count() > 1 ? 1 : 0;
      }
    }
    long bigrams = 0;
    Set<String> distinctBigrams = new HashSet<>();
    for (String s : skeletons) {
      List<String> t = tokeniser.split(s);
      for (int j = 0; j + 1 < t.size(); j++) {
        bigrams++;
        distinctBigrams.add(t.get(j) + "\u0000" + t.get(j + 1));
      }
    }
    double novelty =
        bank == null || skeletons.isEmpty()
            ? Double.NaN
            : (double) skeletons.stream().filter(s -> !bank.contains(s)).count() / skeletons.size();
    return new RealiserScores(
        name,
        reasons,
        ratio(faithful, reasons),
        ratio(emittedFaithful, emittedCount),
        fallbacks,
        required == 0 ? Double.NaN : slotErrors / required,
        ratio(new HashSet<>(skeletons).size(), skeletons.size()),
        ratio(distinctBigrams.size(), bigrams),
        ratio(relationRight, relationCases),
        relationCases,
        ratio(differs, shared),
        ratio(differsDelex, shared),
        novelty);
  }

  private static AnchorEvidence citedAnchor(RealisedReason r, Evidence e) {
    for (Claim c : r.claims()) {
      if (c instanceof Claim.AnchorClaim a) {
        return e.anchors().stream()
            .filter(x -> x.itemId().equals(a.itemId()))
            .findFirst()
            .orElse(null);
      }
    }
    return null;
  }

  /** {errors, required} of one reason; see {@link RealiserScores#slotErrorRate()}. */
  private int[] slotErrors(RealisedReason r, Evidence e, AnchorEvidence cited) {
    Set<Slot> required = EnumSet.of(Slot.ANCHOR);
    if (e.anchors().stream().anyMatch(AnchorEvidence::quotable)) {
      required.add(Slot.COUNT);
    } else if (e.anchors().stream().anyMatch(a -> !a.sharedTerms().value().isEmpty())) {
      required.add(Slot.TERM);
    }
    if (e.popularity().bucket() != PopularityBucket.POPULAR && !required.contains(Slot.COUNT)) {
      required.add(
          Slot.POPULARITY); // a figure about the shopper's own item says more; popularity only
      // without one
    }
    List<Slot> emitted = Lexicaliser.slotNames(r.skeleton()).stream().map(Slot::valueOf).toList();
    Set<Slot> distinct = EnumSet.noneOf(Slot.class);
    int errors = 0;
    AnchorFacts facts = cited == null ? null : AnchorFacts.of(cited, e, similarCosine);
    for (Slot s : emitted) {
      if (!distinct.add(s)) {
        errors++; // repeated
      } else if (s == Slot.TYPE || s == Slot.ROUTINE) {
        continue; // product claims: the decoder's facts do not cover them, the verifier checks them
      } else if (facts == null || !facts.supports(s)) {
        errors++; // not backed by the evidence
      }
    }
    // a claim about the product (its type, brand or routine) is at least as strong as a shared
    // title term
    boolean productClaim =
        r.claims().stream()
            .anyMatch(
                c ->
                    c instanceof io.reasonflow.reasons.realise.Claim.TypeClaim
                        || c instanceof io.reasonflow.reasons.realise.Claim.SameBrandClaim);
    for (Slot s : required) {
      errors += emitted.contains(s) || (s == Slot.TERM && productClaim) ? 0 : 1;
    }
    return new int[] {errors, required.size()};
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }

  /** Counts by template id, for a quick look at what a realiser wrote. */
  static Map<String, Long> templateCounts(List<RealisedReason> reasons) {
    Map<String, Long> m = new HashMap<>();
    reasons.forEach(r -> m.merge(r.templateId(), 1L, Long::sum));
    return m;
  }
}
