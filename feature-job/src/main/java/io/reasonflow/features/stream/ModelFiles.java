package io.reasonflow.features.stream;

import com.fasterxml.jackson.databind.MappingIterator;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.store.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Item models as versioned files in {@code features.stream.model-dir}, through Flink's {@code
 * FileSystem} ({@code file://} or a local path here, an object store on a cluster): {@code
 * item-model-v<version>-<origin>.jsonl.gz} (origin {@link #OUTSIDE} or {@link #RETRAINED}, so a
 * retraining never overwrites a model from outside of the same version), one {@link ItemFeatures} a
 * line (vector, catalogue metadata, the version), the format of a backfill's items file. Items are
 * written in id order, so a version written twice is the same file.
 *
 * <p>Published atomically: written to a hidden in-progress file in the same directory, then renamed
 * to its name, so a reader that sees the name sees the whole model. A version written again (a
 * retraining issued again after a restore, whose first issue no checkpoint recorded) replaces the
 * file. The job deletes nothing it published: a retained checkpoint refers to its model by path
 * (see docs/scaling.md for the clean-up rule).
 */
public final class ModelFiles {
  static final String PREFIX = "item-model-v";
  static final String SUFFIX = ".jsonl.gz";

  /** The origin of a model the caller supplied ({@code features.stream.model}). */
  public static final String OUTSIDE = "outside";

  /** The origin of a model {@link RetrainItemModel} trained. */
  public static final String RETRAINED = "retrained";

  private ModelFiles() {}

  /** The path of version {@code version} in {@code dir}. */
  static Path pathOf(String dir, long version, String origin) {
    return new Path(
        new Path(dir), String.format(Locale.ROOT, "%s%d-%s%s", PREFIX, version, origin, SUFFIX));
  }

  /**
   * Writes {@code model} into {@code dir} and publishes it; returns its reference.
   *
   * @param origin {@link #OUTSIDE} or {@link #RETRAINED}
   */
  public static ModelRef write(String dir, ItemModel model, String origin) throws IOException {
    Path target = pathOf(dir, model.version(), origin);
    // rows made one at a time as the file is written: the model is not copied
    TreeSet<String> ids = new TreeSet<>(model.vectors().keySet());
    Iterable<ItemFeatures> rows =
        () ->
            ids.stream()
                .map(
                    id ->
                        new ItemFeatures(
                            model.item(id),
                            model.vectors().get(id),
                            model.version(),
                            ItemFeatures.VectorSource.BEHAVIOUR,
                            0,
                            List.of()))
                .iterator();
    PublishedJsonLines.write(target, rows, "model file");
    return new ModelRef(model.version(), target.toString());
  }

  /**
   * Reads the model {@code ref} names.
   *
   * @throws IOException naming the path when the file is gone (deleted while a checkpoint still
   *     referred to it) or unreadable
   */
  public static ItemModel read(ModelRef ref) throws IOException {
    Path p = new Path(ref.path());
    FileSystem fs = p.getFileSystem();
    if (!fs.exists(p)) {
      throw new IOException(
          "model v"
              + ref.version()
              + " file not found: "
              + ref.path()
              + " (features.stream.model-dir: keep the models the retained checkpoints refer to)");
    }
    List<ItemFeatures> all = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(fs.open(p), 1 << 16);
        MappingIterator<ItemFeatures> it =
            JsonLines.MAPPER.readerFor(ItemFeatures.class).readValues(in)) {
      while (it.hasNext()) {
        all.add(it.next());
      }
    }
    return ItemModel.of(ref.version(), all);
  }

  /** Deletes a model file nobody will read (a retraining discarded before it was emitted). */
  static void deleteQuietly(ModelRef ref) {
    try {
      Path p = new Path(ref.path());
      p.getFileSystem().delete(p, false);
    } catch (IOException e) {
      // only a stray file left behind
    }
  }
}
