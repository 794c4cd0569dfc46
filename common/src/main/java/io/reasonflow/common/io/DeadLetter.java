package io.reasonflow.common.io;

import java.io.Serializable;
import java.util.Objects;

/**
 * A rejected record, kept whole so it can be inspected and replayed.
 *
 * @param reason why it was rejected
 * @param detail the specific problem, e.g. {@code "column 'ts' = 'abc'"}
 * @param source where it came from: a file path or {@code kafka:topic/partition}
 * @param position line number in a file (1-based) or offset in a partition
 * @param raw the record as it arrived; bytes that are not UTF-8 are escaped as {@code \xNN}
 */
public record DeadLetter(
    DeadLetterReason reason, String detail, String source, long position, String raw)
    implements Serializable {

  public DeadLetter {
    Objects.requireNonNull(reason, "reason");
    detail = detail == null ? "" : detail;
    source = source == null ? "" : source;
    raw = raw == null ? "" : raw;
  }

  /**
   * The dead letter of a line where a file's readable part ends ({@link RawLine#damage()} is set).
   */
  public static DeadLetter damaged(RawLine line) {
    return new DeadLetter(
        DeadLetterReason.DAMAGED_GZIP,
        line.damage(),
        line.source(),
        line.lineNumber(),
        line.escaped());
  }

  /** One line for logs: {@code BAD_TIMESTAMP events.tsv:17 column 'ts' = 'yesterday'}. */
  public String summary() {
    return reason + " " + source + ":" + position + (detail.isEmpty() ? "" : " " + detail);
  }
}
