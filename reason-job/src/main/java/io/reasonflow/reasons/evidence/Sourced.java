package io.reasonflow.reasons.evidence;

import java.util.Objects;

/**
 * A value with where it came from, e.g. {@code 12} from {@code coviews.tsv.gz pair(A,B)}: every
 * figure a reason may quote can be traced back to the store that holds it.
 *
 * @param value the value
 * @param source the store and key it was read or computed from
 */
public record Sourced<T>(T value, String source) {
  public Sourced {
    Objects.requireNonNull(value, "value");
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("every value needs its provenance");
    }
  }

  public static <T> Sourced<T> of(T value, String source) {
    return new Sourced<>(value, source);
  }
}
