package io.reasonflow.common.io;

import java.util.Objects;

/** A parsed record, or the dead letter that says why it could not be parsed. */
public sealed interface ParseResult<T> {

  record Ok<T>(T value) implements ParseResult<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  record Rejected<T>(DeadLetter deadLetter) implements ParseResult<T> {
    public Rejected {
      Objects.requireNonNull(deadLetter, "deadLetter");
    }
  }

  static <T> ParseResult<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> ParseResult<T> rejected(
      DeadLetterReason reason, String detail, String source, long position, String raw) {
    return new Rejected<>(new DeadLetter(reason, detail, source, position, raw));
  }
}
