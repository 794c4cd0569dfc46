package io.reasonflow.reasons.explain.decoder;

import io.reasonflow.reasons.explain.ClaimChecker;
import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.explain.ExplanationGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The explainer as an {@link ExplanationGenerator}, in three variants: "decoder (unconstrained)",
 * "decoder (constrained)" (claim tokens masked to the example's own facts) and "decoder (no
 * neighbours)" (the ablation model, constrained, so it differs from the constrained row only by the
 * neighbour input). Every sentence is re-checked before it is returned: a constrained sentence with
 * a claim its example does not support (which the mask should make impossible) is withheld and
 * counted as a fallback, as is an empty one.
 *
 * <p>Decoding is deterministic (a sampled token's draw is seeded by the input), so results are
 * cached by the inputs the model reads (exact: the same inputs always give the same sentence),
 * bounded to {@link #CACHE_SIZE} entries.
 */
public final class DecoderExplanationGenerator implements ExplanationGenerator {
  static final int CACHE_SIZE = 20_000;

  /**
   * Sentences decoded in lock-step by default: a finished one makes room for the next example, so
   * the group stays full until the examples run out.
   */
  static final int LOCKSTEP = 64;

  /**
   * How tokens are chosen unless a caller says otherwise, per locale, picked on the validation
   * split (docs/benchmarks.md, 2026-12-06). en: the first 3 tokens drawn from the 3 most likely
   * (temperature 1), greedy after: greedy en writes few shapes (delexicalised unique 0.32 on
   * validation), drawing the opening doubles that (0.63 over 3 seeds) with BLEU-4 and ROUGE-L at
   * greedy's level (1.52 / 16.52 vs 1.67 / 16.16; retrieval 0.78 / 11.52). Of 13 settings tried
   * (top-3/5/10, temperature 0.7/1, all tokens or the first 1-3), the three best at >= 0.5 were run
   * with two more seeds; this one had the highest mean ROUGE-L. zh-CN: greedy; greedy is already at
   * 0.565 there, and every sampling setting tried lost about 1 BLEU-4 and 0.8 ROUGE-L for +0.03.
   */
  public static ExplainerDecoder.Sampling defaultSampling(
      io.reasonflow.reasons.realise.ReasonLocale locale) {
    return locale == io.reasonflow.reasons.realise.ReasonLocale.EN
        ? new ExplainerDecoder.Sampling(3, 1.0, 3, 14)
        : ExplainerDecoder.Sampling.GREEDY;
  }

  private final ExplainerDecoder decoder;
  private final boolean constrained;

  /** Sentences decoded in lock-step ({@link ExplainerDecoder#decode(List, boolean, int)}). */
  private final int lockstep;

  private final ExplainerDecoder.Sampling sampling;

  /** Beam width, or 0 to decode by {@link #sampling} (greedy or drawn). */
  private final int beam;

  private final String name;
  private final java.util.function.BiPredicate<ExplanationExample, String> verifier;
  private final Map<Object, Optional<String>> cache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Optional<String>> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  public DecoderExplanationGenerator(ExplainerModel model, boolean constrained) {
    this(model, constrained, null);
  }

  /**
   * @param verifier re-checks a constrained sentence besides the decoder's own claim check (the
   *     evaluation's independent {@link ClaimChecker}); null for none
   */
  public DecoderExplanationGenerator(
      ExplainerModel model,
      boolean constrained,
      java.util.function.BiPredicate<ExplanationExample, String> verifier) {
    this(
        new ExplainerDecoder(model),
        constrained,
        verifier,
        LOCKSTEP,
        defaultSampling(model.locale()),
        0);
  }

  private DecoderExplanationGenerator(
      ExplainerDecoder decoder,
      boolean constrained,
      java.util.function.BiPredicate<ExplanationExample, String> verifier,
      int lockstep,
      ExplainerDecoder.Sampling sampling,
      int beam) {
    ExplainerModel model = decoder.model();
    this.beam = beam;
    this.verifier = verifier;
    this.decoder = decoder;
    this.constrained = constrained;
    this.lockstep = lockstep;
    this.sampling = sampling;
    this.name =
        (!model.neighbours()
                ? "decoder (no neighbours)" + (constrained ? "" : ", unconstrained")
                : constrained ? "decoder (constrained)" : "decoder (unconstrained)")
            + (beam > 0
                ? ", beam " + beam + (sampling.greedy() ? "" : " after " + sampling.describe())
                : sampling.equals(defaultSampling(model.locale()))
                    ? ""
                    : ", " + sampling.describe());
  }

  /** The three variants the evaluation shows, from the models in {@code dir} that exist. */
  public static List<ExplanationGenerator> variants(
      java.nio.file.Path dir, io.reasonflow.reasons.realise.ReasonLocale locale) {
    return variants(dir, locale, null);
  }

  /**
   * The variants, the constrained ones re-checked by {@code dataset}'s independent claim checker
   * (the evaluation's verifier: a sentence it rejects is withheld and counted as a fallback).
   */
  public static List<ExplanationGenerator> variants(
      java.nio.file.Path dir, io.reasonflow.reasons.explain.ExplanationDataset dataset) {
    ClaimChecker checker = new ClaimChecker(dataset.vocabulary(), dataset.chinese());
    return variants(
        dir,
        io.reasonflow.reasons.realise.ReasonLocale.parse(dataset.locale()),
        (e, s) -> checker.check(s, e, dataset.itemAspects(e.itemId())).allSupported());
  }

  private static List<ExplanationGenerator> variants(
      java.nio.file.Path dir,
      io.reasonflow.reasons.realise.ReasonLocale locale,
      java.util.function.BiPredicate<ExplanationExample, String> verifier) {
    List<ExplanationGenerator> out = new ArrayList<>();
    if (ExplainerModel.exists(dir, locale, true)) {
      ExplainerModel m = ExplainerModel.load(dir, locale, true);
      out.add(new DecoderExplanationGenerator(m, false));
      out.add(new DecoderExplanationGenerator(m, true, verifier));
    }
    if (ExplainerModel.exists(dir, locale, false)) {
      out.add(
          new DecoderExplanationGenerator(ExplainerModel.load(dir, locale, false), true, verifier));
    }
    if (out.isEmpty()) {
      // says which files are missing and how to train them
      ExplainerModel.load(dir, locale, true);
    }
    return out;
  }

  /**
   * The same generator (model, constraint, verifier; its own cache) decoding {@code width}
   * sentences in lock-step; {@code lockstep(1)} is one sentence at a time (the benchmark's
   * baseline). The sentences are the same for every width.
   */
  public DecoderExplanationGenerator lockstep(int width) {
    return new DecoderExplanationGenerator(decoder, constrained, verifier, width, sampling, beam);
  }

  /** The same generator (its own cache) choosing tokens by {@code s}; its name says how. */
  public DecoderExplanationGenerator sampling(ExplainerDecoder.Sampling s) {
    return new DecoderExplanationGenerator(decoder, constrained, verifier, lockstep, s, 0);
  }

  /**
   * The same generator (its own cache) decoding by beam search of {@code width} ({@link
   * ExplainerDecoder#beam}); its name says so.
   */
  public DecoderExplanationGenerator beam(int width) {
    return beam(width, ExplainerDecoder.Sampling.GREEDY);
  }

  /** As {@link #beam(int)}, the sentence's opening drawn by {@code opening} first. */
  public DecoderExplanationGenerator beam(int width, ExplainerDecoder.Sampling opening) {
    return new DecoderExplanationGenerator(
        decoder, constrained, verifier, lockstep, opening, width);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<String> explain(ExplanationExample example) {
    return explainAll(List.of(example)).getFirst();
  }

  /**
   * As {@link #explainAll(List)} on {@code threads} threads, each taking a contiguous share of the
   * examples (decoding keeps no shared state).
   */
  public List<Optional<String>> explainAll(List<ExplanationExample> examples, int threads) {
    if (threads <= 1 || examples.size() < 2 * threads) {
      return explainAll(examples);
    }
    int share = (examples.size() + threads - 1) / threads;
    List<java.util.concurrent.CompletableFuture<List<Optional<String>>>> parts = new ArrayList<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      for (int from = 0; from < examples.size(); from += share) {
        List<ExplanationExample> part =
            examples.subList(from, Math.min(examples.size(), from + share));
        parts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> explainAll(part), pool));
      }
      List<Optional<String>> out = new ArrayList<>(examples.size());
      parts.forEach(p -> out.addAll(p.join()));
      return out;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The sentences for many examples at once, {@value #LOCKSTEP} in lock-step at a time (the fast
   * path).
   */
  public List<Optional<String>> explainAll(List<ExplanationExample> examples) {
    List<Optional<String>> out = new ArrayList<>(examples.size());
    List<Integer> missing = new ArrayList<>();
    synchronized (cache) {
      for (int i = 0; i < examples.size(); i++) {
        Optional<String> hit = cache.get(key(examples.get(i)));
        out.add(hit);
        if (hit == null) {
          missing.add(i);
        }
      }
    }
    if (!missing.isEmpty()) {
      List<ExplanationExample> batch = missing.stream().map(examples::get).toList();
      List<List<String>> tokens =
          beam > 0
              ? decoder.beam(batch, constrained ? List.of() : null, beam, sampling)
              : decoder.decode(batch, constrained, lockstep, sampling);
      List<Optional<String>> checked = new ArrayList<>(batch.size());
      for (int k = 0; k < batch.size(); k++) {
        checked.add(verified(batch.get(k), tokens.get(k)));
      }
      synchronized (cache) {
        for (int k = 0; k < batch.size(); k++) {
          out.set(missing.get(k), checked.get(k));
          cache.put(key(batch.get(k)), checked.get(k));
        }
      }
    }
    return out;
  }

  private Optional<String> verified(ExplanationExample e, List<String> tokens) {
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    if (constrained) {
      ClaimLexicon claims = decoder.model().tokeniser().claims();
      Set<String> supported = claims.supported(e);
      for (String t : tokens) {
        if (claims.unsupported(t, supported)) {
          return Optional.empty();
        }
      }
    }
    String sentence = decoder.model().tokeniser().join(tokens);
    if (constrained && verifier != null && !verifier.test(e, sentence)) {
      return Optional.empty();
    }
    return Optional.of(sentence);
  }

  /** What the model reads of an example: equal keys give equal sentences. */
  private Object key(ExplanationExample e) {
    return List.of(
        e.features(),
        e.opinions(),
        e.productType(),
        e.attributes(),
        e.rating(),
        decoder.model().neighbours() ? e.neighbours() : List.of());
  }

  /** Forgets cached sentences (benchmarks measure cold decoding). */
  public void clearCache() {
    synchronized (cache) {
      cache.clear();
    }
  }
}
