package io.reasonflow.reasons.evidence;

/**
 * "1 in N" of an anchor's shoppers also had the candidate: {@code count} of {@code of} shoppers,
 * with N the nearest whole number to {@code of / count}.
 *
 * @param count shoppers who had both items
 * @param of the anchor's shoppers
 * @param denominator N in "1 in N"
 * @param exact whether {@code count / of} is exactly {@code 1 / N} (otherwise a reason says
 *     "about")
 */
public record Share(int count, int of, int denominator, boolean exact) {

  public static Share of(int count, int of) {
    if (count <= 0 || count > of) {
      throw new IllegalArgumentException(
          "a share needs 0 < count <= shoppers, got " + count + " of " + of);
    }
    int n = (int) Math.max(1, Math.round((double) of / count));
    return new Share(count, of, n, (long) n * count == of);
  }
}
