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

  /**
   * Conventional caller key: the Flink checkpoint whose records the commit contains (the streaming
   * feature job's store committer writes it, {@code Long.MAX_VALUE} at the end of input).
   */
  public static final String CHECKPOINT_ID = "checkpointId";

  /** Conventional caller key: the Flink job that wrote the commit. */
  public static final String JOB_ID = "flinkJobId";

  private CommitKeys() {}
}
