package io.reasonflow.reasons.decoder;

import io.reasonflow.common.config.Config;

/**
 * How the decoder searches: beam width, the length bound, length normalisation, how many of the
 * best beams a reason is picked from, n-gram repetition blocking, and whether the strongest
 * evidence must be quoted (see {@code decoder.*} in {@code reasonflow-reference.properties}).
 *
 * @param noRepeatNgram a beam may not repeat an n-gram of this many tokens (0 = no blocking); the
 *     shipped banks never repeat a trigram within a sentence, so 3 only ever removes stutter ("the
 *     the", "也也")
 * @param requireEvidence a beam may end only once it has quoted what the evidence makes the
 *     strongest reason (the figure when one is quotable, else a shared term; popularity for best
 *     sellers and hidden gems), the same evidence the template realiser quotes
 * @param novelMargin a complete beam that is not a bank sentence word for word is offered before
 *     the best beam when its log-probability is at most this many nats below the best's (0 = off).
 *     Without the margin the new beams preferred are mostly ones the decoder itself finds unlikely:
 *     sentences cut short ("an alternative to.") or a quote left open (measured on the Beauty
 *     sample); within a couple of nats they are recombinations it finds about as likely as the
 *     bank's own sentences
 * @param memoise keep the beams decoded for each {@link EvidenceFeatures#key} and reuse them: the
 *     beams are a function of that key alone, so this changes no output, only what it costs (see
 *     {@link BeamMemo})
 */
public record DecodingSettings(
    int beamWidth,
    int maxTokens,
    double lengthAlpha,
    int variety,
    int noRepeatNgram,
    boolean requireEvidence,
    double novelMargin,
    boolean memoise) {
  public DecodingSettings {
    if (beamWidth < 1
        || maxTokens < 8
        || lengthAlpha < 0
        || variety < 1
        || variety > beamWidth
        || noRepeatNgram < 0
        || noRepeatNgram == 1
        || !(novelMargin >= 0)) {
      throw new IllegalArgumentException(
          "need beamWidth >= 1, maxTokens >= 8, lengthAlpha >= 0, "
              + "1 <= variety <= beamWidth, noRepeatNgram 0 or >= 2 and novelMargin >= 0; got "
              + this);
    }
  }

  /**
   * Blocking trigram repeats, requiring the strongest evidence, preferring likely new sentences
   * (margin 2).
   */
  public DecodingSettings(int beamWidth, int maxTokens, double lengthAlpha, int variety) {
    this(beamWidth, maxTokens, lengthAlpha, variety, 3, true, 2.0, true);
  }

  public static DecodingSettings fromConfig(Config c) {
    int beam = c.integer("decoder.beam-width", 1, 64);
    int variety = c.integer("decoder.variety", 1, 64);
    if (variety > beam) {
      throw c.bad("decoder.variety", "is more than decoder.beam-width (" + beam + ")");
    }
    int ngram = c.integer("decoder.no-repeat-ngram", 0, 16);
    if (ngram == 1) {
      throw c.bad(
          "decoder.no-repeat-ngram",
          "is 1, which would forbid any token twice; use 0 (off) or 2 and up");
    }
    return new DecodingSettings(
        beam,
        c.integer("decoder.max-tokens", 8, 512),
        c.decimal("decoder.length-alpha", 0, 2),
        variety,
        ngram,
        c.bool("decoder.require-evidence"),
        c.decimal("decoder.novel-margin", 0, 100),
        c.bool("decoder.memoise"));
  }

  public static DecodingSettings defaults() {
    return fromConfig(Config.defaults());
  }

  public DecodingSettings withRequireEvidence(boolean require) {
    return new DecodingSettings(
        beamWidth, maxTokens, lengthAlpha, variety, noRepeatNgram, require, novelMargin, memoise);
  }

  public DecodingSettings withNovelMargin(double margin) {
    return new DecodingSettings(
        beamWidth,
        maxTokens,
        lengthAlpha,
        variety,
        noRepeatNgram,
        requireEvidence,
        margin,
        memoise);
  }

  public DecodingSettings withMemoise(boolean m) {
    return new DecodingSettings(
        beamWidth, maxTokens, lengthAlpha, variety, noRepeatNgram, requireEvidence, novelMargin, m);
  }
}
