package io.reasonflow.reasons.decoder;

import io.reasonflow.common.config.Config;

/**
 * How the decoder searches: beam width, the length bound, length normalisation, and how many of the best beams a
 * reason is picked from (see {@code decoder.*} in {@code reasonflow-reference.properties}).
 */
public record DecodingSettings(int beamWidth, int maxTokens, double lengthAlpha, int variety) {
  public DecodingSettings {
    if (beamWidth < 1 || maxTokens < 2 || lengthAlpha < 0 || variety < 1 || variety > beamWidth) {
      throw new IllegalArgumentException("need beamWidth >= 1, maxTokens >= 2, lengthAlpha >= 0 and "
          + "1 <= variety <= beamWidth; got " + this);
    }
  }

  public static DecodingSettings fromConfig(Config c) {
    int beam = c.integer("decoder.beam-width", 1, 64);
    int variety = c.integer("decoder.variety", 1, 64);
    if (variety > beam) {
      throw c.bad("decoder.variety", "is more than decoder.beam-width (" + beam + ")");
    }
    return new DecodingSettings(beam, c.integer("decoder.max-tokens", 8, 512),
        c.decimal("decoder.length-alpha", 0, 2), variety);
  }

  public static DecodingSettings defaults() {
    return fromConfig(Config.defaults());
  }
}
