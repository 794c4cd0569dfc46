package io.reasonflow.reasons.decoder;

import java.util.List;
import java.util.Map;

/**
 * The JSON written next to a decoder's network ({@code decoder.<locale>.json}): what is needed to
 * use the network (vocabulary, cue phrases, feature layout) and what describes the run.
 *
 * @param formatVersion {@link DecoderModel#FORMAT_VERSION} of the writer
 * @param featureLayoutVersion {@link EvidenceFeatures#LAYOUT_VERSION} the network was trained on
 * @param locale the language tag
 * @param vocabulary tokens by index
 * @param cues cue phrase to assertion name
 * @param training the training hyper-parameters
 * @param bank the bank file trained on, and its distinct sentences
 * @param bankSentences distinct sentences in the bank
 * @param heldOut held-out skeletons (never trained on), for perplexity
 * @param trainLoss per-token cross-entropy on the training sequences, by epoch
 * @param heldOutLoss per-token cross-entropy on the held-out sequences, by epoch
 * @param heldOutPerplexity perplexity of the held-out sentences after training
 * @param trainingSeconds wall time of training
 * @param bankSkeletons every sentence of the bank (trained on or held out), so decoding can tell a
 *     new sentence from a copied one ({@link DecodingSettings#novelMargin()}); null in models
 *     written before it was kept
 */
public record DecoderMetadata(
    int formatVersion,
    int featureLayoutVersion,
    String locale,
    List<String> vocabulary,
    Map<String, String> cues,
    DecoderTrainingConfig training,
    String bank,
    int bankSentences,
    List<String> heldOut,
    List<Double> trainLoss,
    List<Double> heldOutLoss,
    double heldOutPerplexity,
    double trainingSeconds,
    List<String> bankSkeletons) {}
