package io.reasonflow.features.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.model.Item;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelFiles} on the local file system through Flink's {@code FileSystem}: a model reads
 * back with the same vectors and metadata, only the published name is left in the directory, a
 * version written again replaces its file, and a missing file is an error naming its path.
 */
class ModelFilesTest {
  @TempDir Path dir;

  static ItemModel model(long version, float x) {
    HashMap<String, float[]> v = new HashMap<>();
    HashMap<String, Item> it = new HashMap<>();
    v.put("a", new float[] {x, 0.1f, -0.3333333f});
    v.put("b", new float[] {1e-7f, Float.MIN_NORMAL, 0.5f});
    it.put("a", new Item("a", "Alpha", "Brand", java.util.List.of("Beauty", "Hair"), 9.99));
    it.put("b", Item.ofTitle("b", "Beta"));
    return new ItemModel(version, 3, v, it);
  }

  @Test
  void aModelReadsBackExactlyAndOnlyThePublishedFileRemains() throws Exception {
    ItemModel m = model(42, 0.123456789f);
    ModelRef ref = ModelFiles.write(dir.toString(), m, ModelFiles.RETRAINED);
    assertThat(ref.version()).isEqualTo(42);
    assertThat(Path.of(ref.path()).getFileName().toString())
        .isEqualTo("item-model-v42-retrained.jsonl.gz");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no in-progress file left behind").hasSize(1);
    }
    ItemModel back = ModelFiles.read(ref);
    assertThat(back.version()).isEqualTo(42);
    assertThat(back.dim()).isEqualTo(3);
    assertThat(back.vectors().keySet()).containsExactlyInAnyOrder("a", "b");
    // floats round-trip exactly through their shortest decimal form
    assertThat(back.vectors().get("a")).containsExactly(m.vectors().get("a"));
    assertThat(back.vectors().get("b")).containsExactly(m.vectors().get("b"));
    assertThat(back.item("a")).isEqualTo(m.item("a"));
  }

  @Test
  void aVersionWrittenAgainReplacesItsFileAndOriginsDoNotCollide() throws Exception {
    ModelFiles.write(dir.toString(), model(5, 0.1f), ModelFiles.RETRAINED);
    ModelRef again = ModelFiles.write(dir.toString(), model(5, 0.9f), ModelFiles.RETRAINED);
    ModelRef outside = ModelFiles.write(dir.toString(), model(5, 0.5f), ModelFiles.OUTSIDE);
    assertThat(ModelFiles.read(again).vectors().get("a")[0]).isEqualTo(0.9f);
    assertThat(ModelFiles.read(outside).vectors().get("a")[0]).isEqualTo(0.5f);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).hasSize(2);
    }
  }

  @Test
  void aMissingFileIsAnErrorNamingItsPathAndTheKey() {
    ModelRef gone = new ModelRef(3, dir.resolve("item-model-v3-retrained.jsonl.gz").toString());
    assertThatThrownBy(() -> ModelFiles.read(gone))
        .hasMessageContaining("model v3 file not found: " + gone.path())
        .hasMessageContaining("features.stream.model-dir");
  }
}
