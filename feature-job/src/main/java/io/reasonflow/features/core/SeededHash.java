package io.reasonflow.features.core;

/**
 * A seeded 64-bit hash of an id, defined here rather than by {@link String#hashCode} so that orders
 * and samples built on it are fixed by this code, not by a JVM's implementation: item2vec's corpus
 * order ({@code CorpusOrderKey}) and the content fit's sample of titles ({@link TitleSample}).
 */
public final class SeededHash {
  private SeededHash() {}

  /**
   * FNV-1a over the id's UTF-16 chars, started from the seed, then SplitMix64's finaliser so that
   * ids differing in their last character land far apart.
   */
  public static long of(long seed, String id) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
