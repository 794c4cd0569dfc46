package io.reasonflow.reasons.explain.decoder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.reasonflow.common.NativeLibraries;
import io.reasonflow.common.UserError;
import io.reasonflow.reasons.decoder.Vocabulary;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

/**
 * A trained explainer: a conditional word-level LSTM language model over review sentences. Each
 * step reads the previous token's embedding concatenated with the condition embedding (a dense
 * layer over {@link ConditionEncoder}'s averaged bags, the same at every step) and predicts the
 * next token.
 *
 * <p>Stored as {@code explainer.<locale>[.no-neighbours].zip} (DL4J's ModelSerializer) and {@code
 * .json} ({@link ExplainerMetadata}: format version, vocabularies, claim phrases, config, losses).
 */
public final class ExplainerModel {
  /** Version of the stored format; bumped when the files change incompatibly. */
  public static final int FORMAT_VERSION = 1;

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  static final String WORDS = "words";
  static final String CONDITION = "condition";

  private final ComputationGraph network;
  private final ExplainerMetadata metadata;
  private final Vocabulary vocabulary;
  private final ConditionEncoder condition;
  private final ExplainerTokeniser tokeniser;

  ExplainerModel(ComputationGraph network, ExplainerMetadata metadata) {
    this.network = network;
    this.metadata = metadata;
    this.vocabulary = new Vocabulary(metadata.vocabulary());
    this.condition =
        new ConditionEncoder(metadata.conditionTokens(), metadata.config().neighbours());
    this.tokeniser = new ExplainerTokeniser(new ClaimLexicon(locale(), metadata.claimKeys()));
  }

  /** A fresh, seeded network. */
  static ComputationGraph newNetwork(int vocabulary, int conditionSize, ExplainerConfig c) {
    // one condition embedding per role (own facts, item neighbours, shopper anchors)
    int condWidth = c.conditionSize() * (c.neighbours() ? 3 : 1);
    ComputationGraphConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(c.seed())
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.XAVIER)
            .updater(new Adam(c.learningRate()))
            // an LSTM on short sentences spikes now and then; clipping keeps a spike from
            // undoing an epoch
            .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
            .gradientNormalizationThreshold(1.0)
            .graphBuilder()
            .addInputs(WORDS, CONDITION)
            .addLayer(
                "embed",
                new EmbeddingSequenceLayer.Builder()
                    .nIn(vocabulary)
                    .nOut(c.embeddingSize())
                    .inputLength(-1)
                    .build(),
                WORDS)
            .addLayer(
                "condEmbed",
                new DenseLayer.Builder()
                    .nIn(conditionSize)
                    .nOut(condWidth)
                    .activation(Activation.TANH)
                    .build(),
                CONDITION)
            .addVertex("condSteps", new DuplicateToTimeSeriesVertex(WORDS), "condEmbed")
            .addVertex("stepInput", new MergeVertex(), "embed", "condSteps")
            .addLayer(
                "lstm",
                new LSTM.Builder()
                    .nIn(c.embeddingSize() + condWidth)
                    .nOut(c.hiddenSize())
                    .activation(Activation.TANH)
                    .dataFormat(RNNFormat.NCW)
                    .build(),
                "stepInput")
            .addLayer(
                "out",
                new RnnOutputLayer.Builder(new LossSparseMCXENT())
                    .activation(Activation.SOFTMAX)
                    .nIn(c.hiddenSize())
                    .nOut(vocabulary)
                    .dataFormat(RNNFormat.NCW)
                    .build(),
                "lstm")
            .setOutputs("out")
            .build();
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    return net;
  }

  static String baseName(ReasonLocale locale, boolean neighbours) {
    return "explainer." + locale.tag() + (neighbours ? "" : ".no-neighbours");
  }

  public static Path networkFile(Path dir, ReasonLocale locale, boolean neighbours) {
    return dir.resolve(baseName(locale, neighbours) + ".zip");
  }

  public static Path metadataFile(Path dir, ReasonLocale locale, boolean neighbours) {
    return dir.resolve(baseName(locale, neighbours) + ".json");
  }

  /** Writes both files into {@code dir}. */
  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      ModelSerializer.writeModel(network, networkFile(dir, locale(), neighbours()).toFile(), false);
      JSON.writeValue(metadataFile(dir, locale(), neighbours()).toFile(), metadata);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the explainer to " + dir, e);
    }
  }

  /** Whether {@code dir} holds this variant. */
  public static boolean exists(Path dir, ReasonLocale locale, boolean neighbours) {
    return Files.isRegularFile(networkFile(dir, locale, neighbours))
        && Files.isRegularFile(metadataFile(dir, locale, neighbours));
  }

  /** Reads the explainer for {@code locale} (with or without neighbour input) from {@code dir}. */
  public static ExplainerModel load(Path dir, ReasonLocale locale, boolean neighbours) {
    NativeLibraries.load();
    Path net = networkFile(dir, locale, neighbours);
    Path meta = metadataFile(dir, locale, neighbours);
    if (!exists(dir, locale, neighbours)) {
      throw new UserError(
          "no "
              + locale.tag()
              + " explainer in "
              + dir
              + ": expected "
              + net.getFileName()
              + " and "
              + meta.getFileName()
              + " (train one with ./reasonflow train-explainer --locale "
              + locale.tag()
              + (neighbours ? "" : " --no-neighbours")
              + ")");
    }
    try {
      int version = JSON.readTree(meta.toFile()).path("formatVersion").asInt(-1);
      if (version != FORMAT_VERSION) {
        throw new UserError(
            meta
                + " is explainer format "
                + version
                + "; this build reads "
                + FORMAT_VERSION
                + ": retrain it with ./reasonflow train-explainer");
      }
      ExplainerMetadata m = JSON.readValue(meta.toFile(), ExplainerMetadata.class);
      if (!m.locale().equals(locale.tag()) || m.config().neighbours() != neighbours) {
        throw new UserError(
            meta
                + " is a "
                + m.locale()
                + " explainer (neighbours "
                + m.config().neighbours()
                + "), not "
                + locale.tag()
                + " (neighbours "
                + neighbours
                + ")");
      }
      return new ExplainerModel(ModelSerializer.restoreComputationGraph(net.toFile(), false), m);
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserError u) {
        throw u;
      }
      // a damaged zip surfaces as any of several unchecked exceptions from the serializer
      throw new UserError(
          "cannot read the explainer "
              + net.getFileName()
              + " in "
              + dir
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "): replace it with a copy from ./reasonflow train-explainer",
          e);
    }
  }

  public ReasonLocale locale() {
    return ReasonLocale.parse(metadata.locale());
  }

  public boolean neighbours() {
    return metadata.config().neighbours();
  }

  public ExplainerMetadata metadata() {
    return metadata;
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  public ConditionEncoder condition() {
    return condition;
  }

  public ExplainerTokeniser tokeniser() {
    return tokeniser;
  }

  ComputationGraph network() {
    return network;
  }
}
