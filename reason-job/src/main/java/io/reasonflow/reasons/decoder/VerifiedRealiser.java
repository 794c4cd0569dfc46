package io.reasonflow.reasons.decoder;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.realise.RealisedReason;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.TemplateRealiser;
import io.reasonflow.reasons.verify.FaithfulnessVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The decoder with the verifier in the loop: each neural reason is checked by {@link
 * FaithfulnessVerifier} against the stores; one that fails is replaced by the next beam, and when
 * no beam verifies, by the template realiser's reason (verified too). A beam the length bound cut
 * off is passed over like a failed one: it may be true, but it does not read as a finished
 * sentence. Nothing unverified is ever returned. Counts of rejected beams and template fallbacks
 * are kept, because either growing is a decoder or bank problem to look into.
 */
public final class VerifiedRealiser {
  private final NeuralRealiser neural;
  private final TemplateRealiser fallback;
  private final FaithfulnessVerifier verifier;
  private final AtomicLong neuralAccepted = new AtomicLong();
  private final AtomicLong rejectedBeams = new AtomicLong();
  private final AtomicLong fallbacks = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  public VerifiedRealiser(
      NeuralRealiser neural, TemplateRealiser fallback, FaithfulnessVerifier verifier) {
    this.neural = neural;
    this.fallback = fallback;
    this.verifier = verifier;
  }

  /** Where a returned reason came from. */
  public enum Source {
    DECODER,
    TEMPLATE
  }

  /**
   * A verified reason and its origin.
   *
   * @param reason the reason, empty when the evidence names none of the shopper's items (or, which
   *     would be a bug, not even the template verifies)
   * @param source who wrote it
   * @param rejectedBeams neural beams the verifier turned down before this one
   */
  public record Outcome(Optional<RealisedReason> reason, Source source, int rejectedBeams) {}

  public Optional<RealisedReason> realise(
      UserProfile profile, Evidence evidence, ReasonLocale locale) {
    return realiseBatch(List.of(profile), List.of(evidence), locale).get(0).reason();
  }

  /** {@code profiles.get(i)} is the shopper of {@code evidence.get(i)}; decoded in one batch. */
  public List<Outcome> realiseBatch(
      List<UserProfile> profiles, List<Evidence> evidence, ReasonLocale locale) {
    if (profiles.size() != evidence.size()) {
      throw new IllegalArgumentException(
          "one profile per evidence: " + profiles.size() + " vs " + evidence.size());
    }
    List<List<RealisedReason>> alternatives =
        neural.supports(locale)
            ? neural.alternativesBatch(evidence, locale)
            : evidence.stream().map(e -> List.<RealisedReason>of()).toList();
    return verifyBatch(profiles, evidence, alternatives, locale);
  }

  /**
   * The loop over alternatives already decoded ({@link NeuralRealiser#alternativesBatch}): the
   * first that verifies per evidence, else the template's.
   */
  public List<Outcome> verifyBatch(
      List<UserProfile> profiles,
      List<Evidence> evidence,
      List<List<RealisedReason>> alternatives,
      ReasonLocale locale) {
    if (alternatives.size() != evidence.size()) {
      throw new IllegalArgumentException("one list of alternatives per evidence");
    }
    List<Outcome> out = new ArrayList<>();
    for (int i = 0; i < evidence.size(); i++) {
      UserProfile p = profiles.get(i);
      Evidence e = evidence.get(i);
      int rejected = 0;
      Outcome outcome = null;
      for (RealisedReason r : alternatives.get(i)) {
        boolean complete = r.templateId().startsWith(NeuralRealiser.NAME + ":");
        if (complete && verifier.verify(p, e.candidateId(), r, e).faithful()) {
          outcome = new Outcome(Optional.of(r), Source.DECODER, rejected);
          neuralAccepted.incrementAndGet();
          break;
        }
        rejected++;
      }
      rejectedBeams.addAndGet(rejected);
      if (outcome == null) {
        // the template realiser's first proposal that verifies (it may propose claims the
        // verifier's own reading turns down)
        Optional<RealisedReason> t =
            fallback.options(e, locale).stream()
                .filter(r -> verifier.verify(p, e.candidateId(), r, e).faithful())
                .findFirst();
        if (t.isPresent()) {
          fallbacks.incrementAndGet();
        } else if (!e.anchors().isEmpty()) {
          dropped.incrementAndGet();
        }
        outcome = new Outcome(t, Source.TEMPLATE, rejected);
      }
      out.add(outcome);
    }
    return out;
  }

  /**
   * Every verified reason per evidence, best first, for a caller that makes the final choice (the
   * recommender skips a sentence the shopper's list already has): each complete beam that verifies,
   * in beam order, then each template proposal that verifies. Nothing here is counted as accepted
   * or as a fallback, because nothing is chosen here; the chooser counts what it emits. Beams
   * turned down before the first that verified are counted as {@link #rejectedBeams()}, as in
   * {@link #verifyBatch}.
   *
   * @param enough stop verifying template proposals once this many options are verified: a list of
   *     k reasons can have used at most k - 1 of them, so k options always leave a fresh one
   */
  public List<List<RealisedReason>> optionsBatch(
      List<UserProfile> profiles, List<Evidence> evidence, ReasonLocale locale, int enough) {
    if (profiles.size() != evidence.size()) {
      throw new IllegalArgumentException(
          "one profile per evidence: " + profiles.size() + " vs " + evidence.size());
    }
    List<List<RealisedReason>> alternatives =
        neural.supports(locale)
            ? neural.alternativesBatch(evidence, locale)
            : evidence.stream().map(e -> List.<RealisedReason>of()).toList();
    List<List<RealisedReason>> out = new ArrayList<>();
    for (int i = 0; i < evidence.size(); i++) {
      UserProfile p = profiles.get(i);
      Evidence e = evidence.get(i);
      List<RealisedReason> verified = new ArrayList<>();
      int rejectedBefore = 0;
      for (RealisedReason r : alternatives.get(i)) {
        boolean complete = r.templateId().startsWith(NeuralRealiser.NAME + ":");
        if (complete && verifier.verify(p, e.candidateId(), r, e).faithful()) {
          verified.add(r);
        } else if (verified.isEmpty()) {
          rejectedBefore++;
        }
      }
      rejectedBeams.addAndGet(rejectedBefore);
      for (RealisedReason r : fallback.options(e, locale)) {
        if (verified.size() >= enough) {
          break;
        }
        if (verifier.verify(p, e.candidateId(), r, e).faithful()) {
          verified.add(r);
        }
      }
      out.add(verified);
    }
    return out;
  }

  /** Reasons the decoder wrote that verified. */
  public long neuralAccepted() {
    return neuralAccepted.get();
  }

  /** Neural beams the verifier rejected (each retried with the next beam). */
  public long rejectedBeams() {
    return rejectedBeams.get();
  }

  /** Reasons replaced by the template realiser's because no beam verified. */
  public long fallbacks() {
    return fallbacks.get();
  }

  /**
   * The decoder's beam memo so far: how often an evidence's beams were reused instead of decoded.
   */
  public BeamMemo.Stats memoStats() {
    return neural.memoStats();
  }

  /**
   * Evidence that got no verified reason at all (should stay 0: the template baseline always
   * verifies).
   */
  public long dropped() {
    return dropped.get();
  }
}
