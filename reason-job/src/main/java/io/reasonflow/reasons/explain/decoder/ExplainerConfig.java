package io.reasonflow.reasons.explain.decoder;

import io.reasonflow.reasons.realise.ReasonLocale;

/**
 * Hyper-parameters of an explainer training run.
 *
 * @param locale which sentences
 * @param neighbours whether the neighbours' facts are input (false: the ablation)
 * @param embeddingSize word embedding width
 * @param conditionSize width of each role's averaged condition embedding
 * @param hiddenSize LSTM width
 * @param vocabularyCap most frequent training tokens kept, the rest {@code <unk>}
 * @param conditionCap most frequent condition tokens kept
 * @param maxTokens sentences are cut to this many tokens (PETER cuts at 15 words) before the end
 *     token
 * @param maxEpochs epochs at most; training stops earlier when validation loss rises or the time
 *     budget is spent
 * @param patience epochs without a better validation loss before stopping
 * @param budgetSeconds wall-clock budget of the fitting; no epoch starts that the last epoch's
 *     duration says would overrun it
 * @param epochSentences training sentences per epoch, a fresh seeded sample each epoch (0: all);
 *     keeps epochs short enough to validate often on the large Chinese data
 * @param batchSize sequences per step
 * @param learningRate Adam's step size
 * @param seed for initialisation and shuffling
 */
public record ExplainerConfig(
    ReasonLocale locale,
    boolean neighbours,
    int embeddingSize,
    int conditionSize,
    int hiddenSize,
    int vocabularyCap,
    int conditionCap,
    int maxTokens,
    int maxEpochs,
    int patience,
    double budgetSeconds,
    int epochSentences,
    int batchSize,
    double learningRate,
    long seed) {

  public ExplainerConfig {
    check(embeddingSize >= 2 && conditionSize >= 2 && hiddenSize >= 2, "sizes must be >= 2");
    check(vocabularyCap >= 8, "vocabularyCap must be >= 8");
    check(conditionCap >= 1, "conditionCap must be >= 1");
    check(maxTokens >= 2, "maxTokens must be >= 2");
    check(maxEpochs >= 1 && patience >= 1, "maxEpochs and patience must be >= 1");
    check(budgetSeconds > 0, "budgetSeconds must be > 0");
    check(batchSize >= 1, "batchSize must be >= 1");
    check(epochSentences >= 0, "epochSentences must be >= 0");
    check(learningRate > 0 && learningRate <= 1, "learningRate must be in (0, 1]");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * The shipped settings for a locale (at most 30 epochs, stopped by validation loss or the
   * 12-minute fitting budget, whichever comes first): sized so one locale trains within 15 minutes
   * on a shared 2-core machine. English is word-level (the data keeps sentences of up to 20 words;
   * 25 tokens leave room for punctuation); Chinese is character-level, so its sentences are about
   * twice as many tokens (cap 30) over a vocabulary of characters.
   */
  public static ExplainerConfig defaults(ReasonLocale locale, boolean neighbours) {
    boolean en = locale == ReasonLocale.EN;
    return new ExplainerConfig(
        locale,
        neighbours,
        64,
        32,
        192,
        en ? 5000 : 4000,
        3000,
        en ? 25 : 30,
        30,
        2,
        12 * 60,
        en ? 0 : 20_000,
        64,
        3e-3,
        42);
  }

  public ExplainerConfig withNeighbours(boolean on) {
    return new ExplainerConfig(
        locale,
        on,
        embeddingSize,
        conditionSize,
        hiddenSize,
        vocabularyCap,
        conditionCap,
        maxTokens,
        maxEpochs,
        patience,
        budgetSeconds,
        epochSentences,
        batchSize,
        learningRate,
        seed);
  }

  public ExplainerConfig withEpochs(int epochs, double budget) {
    return new ExplainerConfig(
        locale,
        neighbours,
        embeddingSize,
        conditionSize,
        hiddenSize,
        vocabularyCap,
        conditionCap,
        maxTokens,
        epochs,
        patience,
        budget,
        epochSentences,
        batchSize,
        learningRate,
        seed);
  }

  public ExplainerConfig withSizes(int embedding, int condition, int hidden) {
    return new ExplainerConfig(
        locale,
        neighbours,
        embedding,
        condition,
        hidden,
        vocabularyCap,
        conditionCap,
        maxTokens,
        maxEpochs,
        patience,
        budgetSeconds,
        epochSentences,
        batchSize,
        learningRate,
        seed);
  }
}
