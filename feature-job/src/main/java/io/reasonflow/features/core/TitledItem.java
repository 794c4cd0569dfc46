package io.reasonflow.features.core;

import java.io.Serializable;

/**
 * A catalogue item's title next to its item2vec vector: what the content fit learns from, and, for
 * a cold item ({@code vector} null), what it maps.
 */
public record TitledItem(String id, String title, float[] vector) implements Serializable {
  public boolean cold() {
    return vector == null;
  }
}
