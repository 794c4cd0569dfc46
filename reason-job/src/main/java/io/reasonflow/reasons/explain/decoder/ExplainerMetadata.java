package io.reasonflow.reasons.explain.decoder;

import java.util.List;

/**
 * The JSON half of a stored explainer: everything but the weights.
 *
 * @param formatVersion {@link ExplainerModel#FORMAT_VERSION} when written
 * @param locale the locale tag
 * @param config the hyper-parameters it was trained with
 * @param vocabulary output tokens, {@code <s>}, {@code </s>}, {@code <unk>} first
 * @param conditionTokens the condition vocabulary ({@link ConditionEncoder})
 * @param claimKeys the claim phrases ({@link ClaimLexicon})
 * @param trainExamples how many training examples it saw
 * @param trainLoss per-token cross-entropy by epoch
 * @param validationLoss per-token cross-entropy on the validation split by epoch
 * @param bestEpoch the epoch whose weights were kept (lowest validation loss)
 * @param trainingSeconds wall-clock time of the whole run
 */
public record ExplainerMetadata(
    int formatVersion,
    String locale,
    ExplainerConfig config,
    List<String> vocabulary,
    List<String> conditionTokens,
    List<String> claimKeys,
    int trainExamples,
    List<Double> trainLoss,
    List<Double> validationLoss,
    int bestEpoch,
    double trainingSeconds) {}
