package io.reasonflow.reasons.decoder;

import io.reasonflow.common.NativeLibraries;
import io.reasonflow.common.config.Config;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a decoder on a reason bank: splits off held-out sentences, synthesises evidence for every
 * training sentence ({@link ConditionSampler}), fits the LSTM with teacher forcing, prints progress
 * each epoch (loss, tokens/s, ETA) through a logger, and writes the model ({@link
 * DecoderModel#save}) and {@code loss.<locale>.png}.
 */
public final class DecoderTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(DecoderTrainer.class);

  private DecoderTrainer() {}

  /** Trains on {@code bankFile} (a bank in the documented format), logging progress at INFO. */
  public static DecoderModel train(DecoderTrainingConfig config, Path bankFile, Path outDir) {
    return train(
        config, ReasonBank.read(bankFile, config.locale()), bankFile.toString(), outDir, LOG::info);
  }

  /**
   * Trains the decoder of every locale on its shipped bank ({@code reason-bank/<locale>.tsv}) with
   * the {@code decoder.*} hyper-parameters of {@code config}, logging progress lines at INFO, and
   * writes {@code decoder.<locale>.zip}, {@code decoder.<locale>.json} and {@code
   * loss.<locale>.png} per locale into {@code outDir} (the directory {@code decoder.model-dir} then
   * points at).
   */
  public static Map<ReasonLocale, DecoderModel> trainBoth(Config config, Path outDir) {
    return trainBoth(config, outDir, LOG::info);
  }

  public static Map<ReasonLocale, DecoderModel> trainBoth(
      Config config, Path outDir, Consumer<String> progress) {
    DecoderModel.nativeThreads(config.integer("decoder.native-threads", 1, 256));
    Map<ReasonLocale, DecoderModel> out = new EnumMap<>(ReasonLocale.class);
    for (ReasonLocale locale : ReasonLocale.values()) {
      out.put(
          locale,
          train(
              DecoderTrainingConfig.fromConfig(config, locale),
              ReasonBank.shipped(locale),
              ReasonBank.RESOURCE_DIR + locale.tag() + ".tsv",
              outDir,
              progress));
    }
    return out;
  }

  /**
   * Trains on an already parsed bank; {@code outDir} may be null to keep the model in memory only.
   * {@code progress} gets one line per step (a test collects them; the other entry points log
   * them).
   */
  public static DecoderModel train(
      DecoderTrainingConfig config,
      ReasonBank bank,
      String bankName,
      Path outDir,
      Consumer<String> progress) {
    NativeLibraries.load();
    if (bank.locale() != config.locale()) {
      throw new IllegalArgumentException(
          "a "
              + bank.locale().tag()
              + " bank cannot train a "
              + config.locale().tag()
              + " decoder");
    }
    long started = System.nanoTime();
    ReasonBank.Split split = bank.split(config.heldOutFraction(), config.seed());
    Tokeniser tokeniser = bank.tokeniser();
    List<List<String>> trainTokens =
        split.train().stream().map(s -> tokeniser.split(s.skeleton())).toList();
    Vocabulary vocab = Vocabulary.build(trainTokens);
    int longest = trainTokens.stream().mapToInt(List::size).max().orElse(0) + 1;
    if (longest > config.maxTokens()) {
      throw new IllegalArgumentException(
          "the bank's longest sentence has "
              + longest
              + " tokens, more than "
              + "decoder.max-tokens = "
              + config.maxTokens());
    }
    Random rnd = new Random(config.seed());
    ConditionSampler sampler = new ConditionSampler(config.unusedEvidenceKeep());
    List<TrainingSequence> train = new ArrayList<>();
    for (int i = 0; i < split.train().size(); i++) {
      for (int k = 0; k < config.samplesPerSentence(); k++) {
        train.add(
            TrainingSequence.of(
                trainTokens.get(i), sampler.sample(split.train().get(i), rnd), vocab));
      }
    }
    List<TrainingSequence> heldOut = new ArrayList<>();
    for (BankSentence s : split.heldOut()) {
      heldOut.add(
          TrainingSequence.of(tokeniser.split(s.skeleton()), sampler.sample(s, rnd), vocab));
    }
    long tokensPerEpoch = train.stream().mapToLong(TrainingSequence::length).sum();
    progress.accept(
        String.format(
            Locale.ROOT,
            "decoder %s: %d training sentences x %d evidence samples = %d "
                + "sequences, %d held out, vocabulary %d, %d epochs",
            config.locale().tag(),
            split.train().size(),
            config.samplesPerSentence(),
            train.size(),
            heldOut.size(),
            vocab.size(),
            config.epochs()));

    MultiLayerNetwork net = DecoderModel.newNetwork(vocab.size(), config);
    List<Double> trainLoss = new ArrayList<>();
    List<Double> heldOutLoss = new ArrayList<>();
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      long t0 = System.nanoTime();
      Collections.shuffle(train, rnd);
      double nll = 0;
      long tokens = 0;
      for (int i = 0; i < train.size(); i += config.batchSize()) {
        List<TrainingSequence> batch =
            train.subList(i, Math.min(train.size(), i + config.batchSize()));
        var data = SequenceBatches.pack(batch, vocab.size());
        net.fit(data);
        int batchTokens = batch.stream().mapToInt(TrainingSequence::length).sum();
        // DL4J's score is the loss summed over a sequence's steps, averaged over the batch: per
        // token it is this
        nll += net.score() * batch.size();
        tokens += batchTokens;
      }
      trainLoss.add(nll / tokens);
      heldOutLoss.add(heldOut.isEmpty() ? Double.NaN : crossEntropy(net, heldOut, vocab.size()));
      double seconds = (System.nanoTime() - t0) / 1e9;
      double elapsed = (System.nanoTime() - started) / 1e9;
      double eta = elapsed / epoch * (config.epochs() - epoch);
      progress.accept(
          String.format(
              Locale.ROOT,
              "epoch %d/%d  loss %.4f  held-out %.4f  %.0f tokens/s  ETA %s",
              epoch,
              config.epochs(),
              trainLoss.getLast(),
              heldOutLoss.getLast(),
              tokensPerEpoch / seconds,
              duration(eta)));
    }
    double perplexity = heldOut.isEmpty() ? Double.NaN : Math.exp(heldOutLoss.getLast());
    Map<String, String> cues = new LinkedHashMap<>();
    bank.cues().forEach((p, a) -> cues.put(p, a.name()));
    DecoderMetadata meta =
        new DecoderMetadata(
            DecoderModel.FORMAT_VERSION,
            EvidenceFeatures.LAYOUT_VERSION,
            config.locale().tag(),
            vocab.tokens(),
            cues,
            config,
            bankName,
            bank.sentences().size(),
            split.heldOut().stream().map(BankSentence::skeleton).toList(),
            trainLoss,
            heldOutLoss,
            perplexity,
            (System.nanoTime() - started) / 1e9,
            bank.sentences().stream().map(BankSentence::skeleton).toList());
    DecoderModel model = new DecoderModel(net, meta);
    if (outDir != null) {
      model.save(outDir);
      Path png = outDir.resolve("loss." + config.locale().tag() + ".png");
      LossCurve.write(
          png, "ReasonFlow decoder (" + config.locale().tag() + ")", trainLoss, heldOutLoss);
      progress.accept(
          String.format(
              Locale.ROOT,
              "held-out perplexity %.2f; wrote %s, %s and %s",
              perplexity,
              DecoderModel.networkFile(outDir, config.locale()),
              DecoderModel.metadataFile(outDir, config.locale()),
              png));
    }
    return model;
  }

  static double crossEntropy(MultiLayerNetwork net, List<TrainingSequence> seqs, int vocab) {
    double nll = 0;
    double n = 0;
    for (int i = 0; i < seqs.size(); i += 64) {
      double[] r =
          SequenceBatches.negativeLogLikelihood(
              net, SequenceBatches.pack(seqs.subList(i, Math.min(seqs.size(), i + 64)), vocab));
      nll += r[0];
      n += r[1];
    }
    return nll / n;
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
  }

  /**
   * Which locale a bank file is for, from its name ({@code en.tsv}, {@code zh-CN.tsv}); null when
   * unclear.
   */
  public static ReasonLocale localeOf(Path bankFile) {
    String n = bankFile.getFileName().toString();
    for (ReasonLocale l : ReasonLocale.values()) {
      if (n.startsWith(l.tag() + ".")) {
        return l;
      }
    }
    return null;
  }
}
