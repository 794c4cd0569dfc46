package io.reasonflow.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The co-view table's sort: keys ascending, each value still beside its key, any input order. */
class PairSortTest {
  @Test
  void sortsKeysAndMovesEachValueWithItsKey() {
    Random rnd = new Random(11);
    for (int n : new int[] {0, 1, 2, 3, 23, 24, 25, 100, 10_000}) {
      for (String order : new String[] {"random", "ascending", "descending", "few distinct"}) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
          keys[i] =
              switch (order) {
                case "ascending" -> i * 3L;
                case "descending" -> (long) (n - i) << 32;
                case "few distinct" -> rnd.nextInt(4);
                default -> rnd.nextLong();
              };
        }
        // each value names its key's original position, so a value parted from its key shows
        int[] values = IntStream.range(0, n).toArray();
        long[] original = keys.clone();
        // only n of the arrays' length is sorted: what follows stays as it was
        long[] padded = Arrays.copyOf(keys, n + 5);
        int[] paddedValues = Arrays.copyOf(values, n + 5);
        padded[n] = Long.MIN_VALUE;
        PairSort.sort(padded, paddedValues, n);

        long[] expected =
            IntStream.range(0, n)
                .boxed()
                .sorted(Comparator.comparingLong(i -> original[i]))
                .mapToLong(i -> original[i])
                .toArray();
        assertThat(Arrays.copyOf(padded, n)).as("%s, n=%d", order, n).isEqualTo(expected);
        for (int i = 0; i < n; i++) {
          assertThat(original[paddedValues[i]]).isEqualTo(padded[i]);
        }
        assertThat(IntStream.of(Arrays.copyOf(paddedValues, n)).sorted().toArray())
            .isEqualTo(values);
        assertThat(padded[n]).isEqualTo(Long.MIN_VALUE);
      }
    }
  }
}
