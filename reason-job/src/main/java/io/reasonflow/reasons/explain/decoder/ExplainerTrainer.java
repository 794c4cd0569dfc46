package io.reasonflow.reasons.explain.decoder;

import io.reasonflow.common.NativeLibraries;
import io.reasonflow.reasons.decoder.LossCurve;
import io.reasonflow.reasons.decoder.Vocabulary;
import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains an explainer on the TRAIN examples with teacher forcing, choosing the epoch on the
 * VALIDATION examples only (the weights of the epoch with the lowest validation loss are kept;
 * training stops after {@code patience} epochs without improvement, or when the next epoch would
 * overrun the time budget). Reports progress (sentences/s, tokens/s, ETA) through a consumer and
 * writes the model and {@code loss.<name>.png} next to it.
 */
public final class ExplainerTrainer {
  /** Validation examples scored per epoch at most, so scoring stays a small part of an epoch. */
  static final int MAX_VALIDATION = 4000;

  private ExplainerTrainer() {}

  public static ExplainerModel train(
      ExplainerConfig config,
      List<ExplanationExample> examples,
      Path outDir,
      Consumer<String> progress) {
    return train(config, examples, List.of(), outDir, progress);
  }

  /**
   * As {@link #train(ExplainerConfig, List, Path, Consumer)}, with claim phrases known besides the
   * training examples' facts (the dataset's whole claim vocabulary: aspects of the lexicon no
   * training example happens to name would otherwise be ordinary words the mask cannot stop).
   */
  public static ExplainerModel train(
      ExplainerConfig config,
      List<ExplanationExample> examples,
      java.util.Collection<String> extraClaims,
      Path outDir,
      Consumer<String> progress) {
    NativeLibraries.load();
    long started = System.nanoTime();
    List<ExplanationExample> train =
        examples.stream().filter(e -> e.split() == Split.TRAIN).toList();
    List<ExplanationExample> validation =
        examples.stream().filter(e -> e.split() == Split.VALIDATION).toList();
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no TRAIN examples to learn from");
    }
    if (validation.size() > MAX_VALIDATION) {
      List<ExplanationExample> v = new ArrayList<>(validation);
      java.util.Collections.shuffle(v, new Random(config.seed()));
      validation = v.subList(0, MAX_VALIDATION);
    }
    ClaimLexicon claims = ClaimLexicon.of(config.locale(), train, extraClaims);
    ExplainerTokeniser tokeniser = new ExplainerTokeniser(claims);
    List<List<String>> trainTokens = new ArrayList<>();
    for (ExplanationExample e : train) {
      trainTokens.add(cut(tokeniser.split(e.sentence()), config.maxTokens()));
    }
    Vocabulary vocab = vocabulary(trainTokens, config.vocabularyCap());
    ConditionEncoder condition =
        ConditionEncoder.build(train, config.conditionCap(), config.neighbours());
    List<EncodedSentence> trainSeqs = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      trainSeqs.add(encode(trainTokens.get(i), condition.encode(train.get(i)), vocab));
    }
    List<EncodedSentence> validSeqs = new ArrayList<>();
    for (ExplanationExample e : validation) {
      validSeqs.add(
          encode(
              cut(tokeniser.split(e.sentence()), config.maxTokens()), condition.encode(e), vocab));
    }
    long tokensPerEpoch = trainSeqs.stream().mapToLong(EncodedSentence::length).sum();
    progress.accept(
        String.format(
            Locale.ROOT,
            "explainer %s%s: %d training sentences (%d tokens), %d validation, vocabulary %d,"
                + " %d condition tokens x %d roles, %d claim phrases; at most %d epochs / %.0f s",
            config.locale().tag(),
            config.neighbours() ? "" : " (no neighbours)",
            trainSeqs.size(),
            tokensPerEpoch,
            validSeqs.size(),
            vocab.size(),
            condition.tokens().size(),
            condition.roles(),
            claims.keys().size(),
            config.maxEpochs(),
            config.budgetSeconds()));

    ComputationGraph net = ExplainerModel.newNetwork(vocab.size(), condition.size(), config);
    Random rnd = new Random(config.seed());
    List<Double> trainLoss = new ArrayList<>();
    List<Double> validLoss = new ArrayList<>();
    INDArray best = null;
    int bestEpoch = 0;
    long fitStarted = System.nanoTime();
    double lastEpochSeconds = 0;
    for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
      double spent = (System.nanoTime() - fitStarted) / 1e9;
      if (epoch > 1 && spent + lastEpochSeconds > config.budgetSeconds()) {
        progress.accept(
            String.format(
                Locale.ROOT,
                "stopping before epoch %d: %.0f s spent, an epoch takes %.0f s, budget %.0f s",
                epoch,
                spent,
                lastEpochSeconds,
                config.budgetSeconds()));
        break;
      }
      long t0 = System.nanoTime();
      List<EncodedSentence> sample = trainSeqs;
      if (config.epochSentences() > 0 && config.epochSentences() < trainSeqs.size()) {
        List<EncodedSentence> shuffled = new ArrayList<>(trainSeqs);
        java.util.Collections.shuffle(shuffled, rnd);
        sample = shuffled.subList(0, config.epochSentences());
      }
      long sampleTokens = sample.stream().mapToLong(EncodedSentence::length).sum();
      List<List<EncodedSentence>> batches = ExplainerBatches.epoch(sample, config.batchSize(), rnd);
      boolean outOfTime = false;
      double nll = 0;
      long tokens = 0;
      long sentences = 0;
      long lastReport = t0;
      for (int b = 0; b < batches.size(); b++) {
        List<EncodedSentence> batch = batches.get(b);
        net.fit(ExplainerBatches.pack(batch));
        // DL4J's score: the loss summed over a sequence's steps, averaged over the batch
        nll += net.score() * batch.size();
        tokens += batch.stream().mapToInt(EncodedSentence::length).sum();
        sentences += batch.size();
        long now = System.nanoTime();
        if (now - lastReport > 15e9 || b == batches.size() - 1) {
          lastReport = now;
          double secs = (now - t0) / 1e9;
          progress.accept(
              String.format(
                  Locale.ROOT,
                  "  epoch %d  %d/%d sentences  loss %.4f  %.0f sentences/s  %.0f tokens/s"
                      + "  epoch ETA %s",
                  epoch,
                  sentences,
                  sample.size(),
                  nll / tokens,
                  sentences / secs,
                  tokens / secs,
                  duration(secs / tokens * (sampleTokens - tokens))));
        }
        if ((now - fitStarted) / 1e9 > config.budgetSeconds()) {
          // the budget is spent mid-epoch: validate what there is and stop
          outOfTime = b < batches.size() - 1;
          if (outOfTime) {
            progress.accept(
                String.format(
                    Locale.ROOT,
                    "  budget of %.0f s spent after %d of %d sentences of epoch %d",
                    config.budgetSeconds(),
                    sentences,
                    sample.size(),
                    epoch));
          }
          break;
        }
      }
      trainLoss.add(nll / tokens);
      validLoss.add(crossEntropy(net, validSeqs, config.batchSize()));
      lastEpochSeconds = (System.nanoTime() - t0) / 1e9;
      boolean better = bestEpoch == 0 || validLoss.getLast() < validLoss.get(bestEpoch - 1);
      if (better) {
        best = net.params().dup();
        bestEpoch = epoch;
      }
      double remainingBudget = config.budgetSeconds() - (System.nanoTime() - fitStarted) / 1e9;
      int epochsLeft =
          (int)
              Math.min(
                  config.maxEpochs() - epoch,
                  Math.max(0, Math.floor(remainingBudget / lastEpochSeconds)));
      progress.accept(
          String.format(
              Locale.ROOT,
              "epoch %d/%d  train %.4f  validation %.4f%s  %.0f s  ETA %s (%d more epochs at"
                  + " most)",
              epoch,
              config.maxEpochs(),
              trainLoss.getLast(),
              validLoss.getLast(),
              better ? " (best)" : "",
              lastEpochSeconds,
              duration(epochsLeft * lastEpochSeconds),
              epochsLeft));
      if (outOfTime) {
        break;
      }
      if (epoch - bestEpoch >= config.patience()) {
        progress.accept(
            "stopping: validation loss has not improved for " + config.patience() + " epochs");
        break;
      }
    }
    if (best != null) {
      net.setParams(best);
    }
    // the last fit's label mask stays on the output layer and would be applied to the next
    // inference of a different shape
    net.clearLayerMaskArrays();
    ExplainerMetadata meta =
        new ExplainerMetadata(
            ExplainerModel.FORMAT_VERSION,
            config.locale().tag(),
            config,
            vocab.tokens(),
            condition.tokens(),
            List.copyOf(claims.keys()),
            train.size(),
            trainLoss,
            validLoss,
            bestEpoch,
            (System.nanoTime() - started) / 1e9);
    ExplainerModel model = new ExplainerModel(net, meta);
    if (outDir != null) {
      model.save(outDir);
      Path png =
          outDir.resolve(
              "loss." + ExplainerModel.baseName(config.locale(), config.neighbours()) + ".png");
      LossCurve.write(
          png,
          "ReasonFlow explainer ("
              + config.locale().tag()
              + (config.neighbours() ? "" : ", no neighbours")
              + ")",
          trainLoss,
          validLoss);
      progress.accept(
          String.format(
              Locale.ROOT,
              "kept epoch %d (validation %.4f, perplexity %.1f); %.0f s in all; wrote %s, %s and"
                  + " %s",
              bestEpoch,
              validLoss.isEmpty() ? Double.NaN : validLoss.get(bestEpoch - 1),
              validLoss.isEmpty() ? Double.NaN : Math.exp(validLoss.get(bestEpoch - 1)),
              meta.trainingSeconds(),
              ExplainerModel.networkFile(outDir, config.locale(), config.neighbours()),
              ExplainerModel.metadataFile(outDir, config.locale(), config.neighbours()),
              png));
    }
    return model;
  }

  static List<String> cut(List<String> tokens, int max) {
    return tokens.size() > max ? tokens.subList(0, max) : tokens;
  }

  /** Specials, then the {@code cap} most frequent tokens (ties in order of first appearance). */
  static Vocabulary vocabulary(List<List<String>> sentences, int cap) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    sentences.forEach(s -> s.forEach(t -> counts.merge(t, 1, Integer::sum)));
    Map<String, Integer> first = new HashMap<>();
    int i = 0;
    for (String t : counts.keySet()) {
      first.put(t, i++);
    }
    List<String> tokens = new ArrayList<>(List.of(Vocabulary.BOS, Vocabulary.EOS, Vocabulary.UNK));
    counts.keySet().stream()
        .filter(t -> !tokens.contains(t))
        .sorted(Comparator.comparing((String t) -> -counts.get(t)).thenComparing(first::get))
        .limit(Math.max(0, cap - 3))
        .forEach(tokens::add);
    return new Vocabulary(tokens);
  }

  static EncodedSentence encode(List<String> tokens, float[] condition, Vocabulary vocab) {
    int n = tokens.size() + 1;
    int[] in = new int[n];
    int[] out = new int[n];
    in[0] = vocab.bos();
    for (int i = 0; i < tokens.size(); i++) {
      int id = vocab.id(tokens.get(i));
      in[i + 1] = id;
      out[i] = id;
    }
    out[n - 1] = vocab.eos();
    return new EncodedSentence(in, out, condition);
  }

  /** Mean per-token cross-entropy (nats) of {@code seqs}; NaN when there are none. */
  static double crossEntropy(ComputationGraph net, List<EncodedSentence> seqs, int batchSize) {
    double nll = 0;
    long tokens = 0;
    for (int i = 0; i < seqs.size(); i += batchSize) {
      List<EncodedSentence> batch = seqs.subList(i, Math.min(seqs.size(), i + batchSize));
      nll += net.score(ExplainerBatches.pack(batch), false) * batch.size();
      tokens += batch.stream().mapToInt(EncodedSentence::length).sum();
    }
    return tokens == 0 ? Double.NaN : nll / tokens;
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02ds", s % 60) : s + "s";
  }
}
