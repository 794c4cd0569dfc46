package io.reasonflow.reasons.decoder;

import io.reasonflow.reasons.evidence.PopularityBucket;
import io.reasonflow.reasons.evidence.Relation;

/**
 * The conditioning vector the decoder reads at every step, concatenated to the previous token's
 * one-hot:
 *
 * <pre>
 *  0- 2  relation one-hot: SUBSTITUTE, COMPLEMENT, RELATED
 *  3     a co-view figure is quotable
 *  4     a salient title term is shared
 *  5     the vectors are similar enough for "close to"
 *  6- 8  popularity one-hot: BEST_SELLER, POPULAR, HIDDEN_GEM
 *  9-11  co-view figure bucket: under 10, 10-49, 50 or more (all zero when not quotable)
 * 12-14  "1 in N" bucket: N 1-3, 4-10, over 10 (all zero when not quotable)
 * 15-17  vector cosine bucket: under 0.3, 0.3-0.7, 0.7 or more
 * </pre>
 *
 * Only facts a reason may state or that shape how it is worded are here; names and figures never
 * are (they are filled in after decoding), so the decoder cannot learn to hallucinate a value.
 */
public final class EvidenceFeatures {
  public static final int SIZE = 18;

  /**
   * Bumped whenever the layout above changes; a model trained on another layout is refused at load.
   */
  public static final int LAYOUT_VERSION = 1;

  private EvidenceFeatures() {}

  public static float[] of(AnchorFacts f) {
    float[] v = new float[SIZE];
    v[
            switch (f.relation()) {
              case SUBSTITUTE -> 0;
              case COMPLEMENT -> 1;
              case RELATED -> 2;
            }] =
        1;
    v[3] = f.quotable() ? 1 : 0;
    v[4] = f.sharedTerm() ? 1 : 0;
    v[5] = f.similar() ? 1 : 0;
    v[6 + f.bucket().ordinal()] = 1;
    if (f.quotable()) {
      v[9 + (f.coViews() < 10 ? 0 : f.coViews() < 50 ? 1 : 2)] = 1;
      v[12 + (f.shareDenominator() <= 3 ? 0 : f.shareDenominator() <= 10 ? 1 : 2)] = 1;
    }
    v[15 + (f.similarity() < 0.3 ? 0 : f.similarity() < 0.7 ? 1 : 2)] = 1;
    return v;
  }

  /**
   * The features as a bit set (bit i = feature i). Everything the decoder reads of an evidence and
   * everything its constraints depend on ({@link AnchorFacts#supports}, {@link
   * AnchorFacts#strongest}) is in these features, so evidence with the same key decodes to the same
   * beams.
   */
  public static int key(AnchorFacts f) {
    float[] v = of(f);
    int key = 0;
    for (int i = 0; i < SIZE; i++) {
      if (v[i] != 0) {
        key |= 1 << i;
      }
    }
    return key;
  }

  static {
    // the one-hot offsets above rely on these orders
    if (PopularityBucket.values().length != 3 || Relation.values().length != 3) {
      throw new IllegalStateException("EvidenceFeatures layout is out of date");
    }
  }
}
