package io.reasonflow.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refresh re-reads only the files of commits it has not verified, and forgets files merged away.
 */
class IndexIntegrityTest {
  @TempDir Path dir;

  @Test
  void onlyNewCommitFilesAreReadAgain() {
    List<io.reasonflow.common.model.ItemFeatures> items = TestItems.clustered(40, 2, 8, 3);
    try (ItemIndexWriter w = ItemIndexWriter.open(dir, IndexSettings.DEFAULT)) {
      items.subList(0, 20).forEach(w::upsert);
      w.commit(Map.of("modelVersion", "1"));
      Set<Path> verified = new HashSet<>();
      IndexIntegrity.Report first = IndexIntegrity.verify(dir, verified);
      assertThat(first.files()).isPositive();
      assertThat(IndexIntegrity.verify(dir, verified).files()).as("nothing new").isZero();

      items.subList(20, 40).forEach(w::upsert);
      w.commit(Map.of("modelVersion", "2"));
      IndexIntegrity.Report second = IndexIntegrity.verify(dir, verified);
      // the new segment's files and the new segments_N; the first segment's files are not read
      // again
      assertThat(second.files()).isPositive().isLessThan(first.files() * 2);
      assertThat(verified).allSatisfy(p -> assertThat(p).exists());
    }
  }
}
