package io.reasonflow.index;

/**
 * Commit user-data keys the index writes for itself, next to whatever the caller commits. Searchers
 * read the vector format from them, so a search rescores exactly when the index it reads is
 * quantized.
 */
public final class CommitKeys {
  public static final String FORMAT = "rf.index.format";
  public static final String OVERSAMPLE = "rf.index.oversample";

  /**
   * {@link IndexSettings#efSearch()}; absent in indexes committed before it existed (they get the
   * default).
   */
  public static final String EF_SEARCH = "rf.index.ef-search";

  /** Conventional caller key: the embedding model version of the committed vectors. */
  public static final String MODEL_VERSION = "modelVersion";

  private CommitKeys() {}
}
