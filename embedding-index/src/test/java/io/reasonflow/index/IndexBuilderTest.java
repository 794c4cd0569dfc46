package io.reasonflow.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.index.search.ItemSearcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexBuilderTest {
  @TempDir Path dir;

  @Test
  void buildsFromItemsJsonlAndReplacesAnyPreviousIndex() {
    List<ItemFeatures> items = new ArrayList<>(TestItems.clustered(40, 4, 12, 8));
    items.add(TestItems.item(40, 0, new float[12])); // zero vector: indexed, never a neighbour
    Path file = dir.resolve("items.jsonl.gz");
    JsonLines.writeAll(file, items);
    Path index = dir.resolve("index");

    IndexBuildStats first =
        IndexBuilder.build(file, index, IndexSettings.DEFAULT.withFormat(VectorFormat.INT4));
    assertThat(first.items()).isEqualTo(41);
    assertThat(first.withoutVector()).isEqualTo(1);
    assertThat(first.dimension()).isEqualTo(12);
    assertThat(first.modelVersion()).isEqualTo(3);
    assertThat(first.format()).isEqualTo(VectorFormat.INT4);

    JsonLines.writeAll(file, items.subList(0, 10));
    IndexBuilder.build(file, index, IndexSettings.DEFAULT);
    try (ItemSearcher s = ItemSearcher.open(index)) {
      assertThat(s.size()).isEqualTo(10);
      assertThat(s.get(TestItems.id(3))).contains(items.get(3));
      assertThat(s.commitUserData())
          .containsEntry(CommitKeys.MODEL_VERSION, "3")
          .containsEntry(CommitKeys.FORMAT, "HNSW");
    }
  }

  @Test
  void mixedDimensionsAndMissingFilesAreUserErrors() {
    Path file = dir.resolve("items.jsonl");
    JsonLines.writeAll(
        file,
        List.of(TestItems.item(0, 0, new float[] {1, 2}), TestItems.item(1, 0, new float[] {1})));
    assertThatThrownBy(() -> IndexBuilder.build(file, dir.resolve("i"), IndexSettings.DEFAULT))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("item-1")
        .hasMessageContaining("1-dimensional");
    assertThatThrownBy(
            () ->
                IndexBuilder.build(
                    dir.resolve("absent.jsonl.gz"), dir.resolve("i"), IndexSettings.DEFAULT))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("absent.jsonl.gz");
  }
}
