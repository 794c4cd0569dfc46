package io.reasonflow.reasons.explain;

import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The 80/10/10 split by review, as PETER splits: a review's bucket is a seeded 64-bit hash of its
 * id (FNV-1a, then a murmur finaliser), so every sentence of one review lands on one side, and the
 * split depends on nothing but the id and the seed: not on the order of the input, the thread count
 * or the CPU.
 */
public final class ReviewSplit {
  /** The seed the shipped evaluation uses. */
  public static final long DEFAULT_SEED = 14L;

  private ReviewSplit() {}

  /** Buckets 0-7 train, 8 validation, 9 test. */
  public static Split of(String reviewId, long seed) {
    Objects.requireNonNull(reviewId, "reviewId");
    long h = 0xcbf29ce484222325L ^ seed;
    for (byte b : reviewId.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    int bucket = (int) Long.remainderUnsigned(h, 10);
    return bucket < 8 ? Split.TRAIN : bucket == 8 ? Split.VALIDATION : Split.TEST;
  }
}
