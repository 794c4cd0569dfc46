package io.reasonflow.reasons.decoder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.reasonflow.common.NativeLibraries;
import io.reasonflow.common.UserError;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A trained decoder: a conditional LSTM language model over delexicalised reason tokens. At every
 * step it reads the one-hot of the previous token concatenated with the {@link EvidenceFeatures}
 * vector and predicts the next token.
 *
 * <p>Stored as two files in a directory: {@code decoder.<locale>.zip} (DL4J's ModelSerializer:
 * configuration and parameters) and {@code decoder.<locale>.json} ({@link DecoderMetadata}:
 * vocabulary, cue phrases, versions).
 */
public final class DecoderModel {
  /** Version of the stored format; bumped when the files change incompatibly. */
  public static final int FORMAT_VERSION = 1;

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final MultiLayerNetwork network;
  private final Vocabulary vocabulary;
  private final Tokeniser tokeniser;
  private final DecoderMetadata metadata;
  private final int lstmLayers;

  DecoderModel(MultiLayerNetwork network, DecoderMetadata metadata) {
    this.network = network;
    this.metadata = metadata;
    this.vocabulary = new Vocabulary(metadata.vocabulary());
    Map<String, Assertion> cues = new LinkedHashMap<>();
    metadata.cues().forEach((phrase, a) -> cues.put(phrase, Assertion.valueOf(a)));
    this.tokeniser = new Tokeniser(ReasonLocale.parse(metadata.locale()), cues);
    this.lstmLayers = network.getnLayers() - 1;
  }

  /**
   * How many threads nd4j's native ops may use ({@code decoder.native-threads}, default 1). The
   * decoder's matrices are small (a batch of 64 by a few hundred), where OpenMP's hand-over costs
   * about what it saves, and on a shared machine spinning OpenMP workers slow every other job down
   * (measured: 10x slower training on a loaded 2-core machine). Process-wide: nd4j has one native
   * environment.
   */
  public static void nativeThreads(int threads) {
    NativeLibraries.load();
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
    org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
  }

  /** A fresh, seeded network for {@code vocabulary} tokens. */
  static MultiLayerNetwork newNetwork(int vocabulary, DecoderTrainingConfig c) {
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(c.seed())
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.XAVIER)
            .updater(new Adam(c.learningRate()))
            // LSTMs on short corpora spike now and then; clipping keeps a spike from undoing an
            // epoch
            .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
            .gradientNormalizationThreshold(1.0)
            .list();
    int in = vocabulary + EvidenceFeatures.SIZE;
    for (int l = 0; l < c.layers(); l++) {
      list.layer(
          new LSTM.Builder()
              .nIn(l == 0 ? in : c.hiddenSize())
              .nOut(c.hiddenSize())
              .activation(Activation.TANH)
              .dataFormat(RNNFormat.NCW)
              .build());
    }
    list.layer(
        new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .activation(Activation.SOFTMAX)
            .nIn(c.hiddenSize())
            .nOut(vocabulary)
            .dataFormat(RNNFormat.NCW)
            .build());
    MultiLayerConfiguration conf = list.build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  public static Path networkFile(Path dir, ReasonLocale locale) {
    return dir.resolve("decoder." + locale.tag() + ".zip");
  }

  public static Path metadataFile(Path dir, ReasonLocale locale) {
    return dir.resolve("decoder." + locale.tag() + ".json");
  }

  /** Writes both files into {@code dir}. */
  public void save(Path dir) {
    ReasonLocale locale = locale();
    try {
      Files.createDirectories(dir);
      ModelSerializer.writeModel(network, networkFile(dir, locale).toFile(), false);
      JSON.writeValue(metadataFile(dir, locale).toFile(), metadata);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the decoder to " + dir, e);
    }
  }

  /** Reads the decoder for {@code locale} from {@code dir}. */
  public static DecoderModel load(Path dir, ReasonLocale locale) {
    NativeLibraries.load();
    Path net = networkFile(dir, locale);
    Path meta = metadataFile(dir, locale);
    if (!Files.isRegularFile(net) || !Files.isRegularFile(meta)) {
      throw new UserError(
          "no "
              + locale.tag()
              + " decoder in "
              + dir
              + ": expected "
              + net.getFileName()
              + " and "
              + meta.getFileName()
              + " (train one with ./reasonflow train-decoder)");
    }
    try {
      DecoderMetadata m = JSON.readValue(meta.toFile(), DecoderMetadata.class);
      if (m.formatVersion() != FORMAT_VERSION
          || m.featureLayoutVersion() != EvidenceFeatures.LAYOUT_VERSION) {
        throw new UserError(
            meta
                + " is format "
                + m.formatVersion()
                + " / feature layout "
                + m.featureLayoutVersion()
                + "; this build reads "
                + FORMAT_VERSION
                + " / "
                + EvidenceFeatures.LAYOUT_VERSION
                + ": retrain the decoder");
      }
      if (!m.locale().equals(locale.tag())) {
        throw new UserError(meta + " is a " + m.locale() + " decoder, not " + locale.tag());
      }
      return new DecoderModel(ModelSerializer.restoreMultiLayerNetwork(net.toFile(), false), m);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the decoder from " + dir, e);
    }
  }

  public ReasonLocale locale() {
    return ReasonLocale.parse(metadata.locale());
  }

  public DecoderMetadata metadata() {
    return metadata;
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  public Tokeniser tokeniser() {
    return tokeniser;
  }

  MultiLayerNetwork network() {
    return network;
  }

  int lstmLayers() {
    return lstmLayers;
  }

  /**
   * Per-token perplexity of {@code sentences}, each paired with evidence synthesised (seeded) to
   * back it. Tokens outside the vocabulary count as {@code <unk>}.
   */
  public double perplexity(List<BankSentence> sentences, long seed, double unusedKeep) {
    if (sentences.isEmpty()) {
      return Double.NaN;
    }
    ConditionSampler sampler = new ConditionSampler(unusedKeep);
    Random rnd = new Random(seed);
    List<TrainingSequence> seqs = new ArrayList<>();
    for (BankSentence s : sentences) {
      seqs.add(
          TrainingSequence.of(tokeniser.split(s.skeleton()), sampler.sample(s, rnd), vocabulary));
    }
    return Math.exp(crossEntropy(seqs));
  }

  /** Mean per-token cross-entropy (nats) of the sequences. */
  synchronized double crossEntropy(List<TrainingSequence> seqs) {
    return DecoderTrainer.crossEntropy(network, seqs, vocabulary.size());
  }
}
