package io.reasonflow.common.store;

import java.nio.file.Path;

/**
 * Where the feature job writes its outputs inside one output directory, and where the later stages
 * read them.
 *
 * @param root the output directory
 */
public record FeatureLayout(Path root) {
  /** {@code ItemFeatures}, one JSON object a line. */
  public Path items() {
    return root.resolve("items.jsonl.gz");
  }

  /** {@code UserProfile}, one JSON object a line. */
  public Path profiles() {
    return root.resolve("profiles.jsonl.gz");
  }

  /** {@link CoViewTable}. */
  public Path coViews() {
    return root.resolve("coviews.tsv.gz");
  }

  /** {@code DeadLetter}, one JSON object a line. */
  public Path deadLetters() {
    return root.resolve("dead-letters.jsonl.gz");
  }

  /** The Lucene item index. */
  public Path index() {
    return root.resolve("index");
  }

  /**
   * The sequential next-item model ({@link io.reasonflow.common.seqrec.SeqRecFile}); absent when
   * the backfill trained none ({@code features.seqrec.enabled}, {@code
   * features.seqrec.min-positions}).
   */
  public Path seqrecModel() {
    return root.resolve(io.reasonflow.common.seqrec.SeqRecFile.FILE_NAME);
  }

  /**
   * The next-item model ({@link io.reasonflow.common.seqrec.NextItemFile}: the linear model and the
   * sequential item-kNN); absent when the backfill fitted none ({@code
   * features.linear-next.enabled}).
   */
  public Path nextItemModel() {
    return root.resolve(io.reasonflow.common.seqrec.NextItemFile.FILE_NAME);
  }

  /** Counts and timings of the run, JSON. */
  public Path summary() {
    return root.resolve("summary.json");
  }
}
