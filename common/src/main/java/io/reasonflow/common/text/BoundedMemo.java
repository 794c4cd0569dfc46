package io.reasonflow.common.text;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers a pure function's results for the keys it was asked about, up to a number of keys; past
 * that it forgets them all and starts again, so a long-running task that meets ever new keys (a
 * reason job following published catalogues) holds at most {@code capacity} of them. Safe for
 * threads that share it: two threads may compute one key at once and store equal values.
 *
 * <p>For text work the same few inputs repeat: a reason job names and types each candidate's and
 * anchor's title many times (every template shape, every locale, the verifier again), and each
 * naming runs a dozen regular expressions.
 *
 * @param <K> key (non-null)
 * @param <V> value (non-null)
 */
public final class BoundedMemo<K, V> {
  private final int capacity;
  private final Function<K, V> function;
  private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();

  public BoundedMemo(int capacity, Function<K, V> function) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity + " < 1");
    }
    this.capacity = capacity;
    this.function = function;
  }

  /** {@code function(key)}, from memory when asked before. */
  public V get(K key) {
    V v = values.get(key);
    if (v != null) {
      return v;
    }
    v = function.apply(key);
    if (values.size() >= capacity) {
      values.clear();
    }
    values.put(key, v);
    return v;
  }

  /** Keys remembered now. */
  public int size() {
    return values.size();
  }
}
