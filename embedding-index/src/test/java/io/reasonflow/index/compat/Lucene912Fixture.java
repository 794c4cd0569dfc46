package io.reasonflow.index.compat;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.TestItems;
import java.util.List;

/**
 * What the committed Lucene 9.12 fixture index holds: {@link TestItems#clustered} with these
 * arguments.
 */
final class Lucene912Fixture {
  static final String RESOURCE = "lucene912-fixture";
  static final int ITEMS = 300;
  static final int CLUSTERS = 6;
  static final int DIM = 16;
  static final long SEED = 912;

  /** Commit user-data key naming the Lucene version that wrote the fixture. */
  static final String WRITTEN_BY = "rf.fixture.lucene-version";

  private Lucene912Fixture() {}

  static List<ItemFeatures> items() {
    return TestItems.clustered(ITEMS, CLUSTERS, DIM, SEED);
  }
}
