package io.reasonflow.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {
  @Test
  void computesEachKeyOnceAndForgetsAllPastItsCapacity() {
    AtomicInteger calls = new AtomicInteger();
    BoundedMemo<String, Integer> memo =
        new BoundedMemo<>(
            2,
            s -> {
              calls.incrementAndGet();
              return s.length();
            });
    assertThat(memo.get("ab")).isEqualTo(2);
    assertThat(memo.get("ab")).isEqualTo(2);
    assertThat(calls).hasValue(1);
    memo.get("abc");
    assertThat(memo.size()).isEqualTo(2);
    memo.get("abcd"); // a third key: the two before are forgotten
    assertThat(memo.size()).isEqualTo(1);
    memo.get("ab");
    assertThat(calls).hasValue(4);
  }
}
