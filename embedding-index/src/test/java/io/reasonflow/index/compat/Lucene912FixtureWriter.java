package io.reasonflow.index.compat;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.CommitKeys;
import io.reasonflow.index.ItemSchema;
import io.reasonflow.index.VectorFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

/**
 * Writes the fixture index. Compiled with the rest of the tests, but only ever run by {@link
 * Lucene912FixtureGenerator} inside a classloader whose Lucene is 9.12: it uses only API that 9.12
 * and 10.x share, and documents come from the production {@link ItemSchema#toDocument}, so the
 * fixture has exactly the fields, types and analysis this version's index has, as Lucene 9.12
 * writes them (its default codec).
 */
public final class Lucene912FixtureWriter {
  private Lucene912FixtureWriter() {}

  /** Called reflectively; returns the Lucene version that wrote the index. */
  public static String write(Path dir) throws IOException {
    TieredMergePolicy mp = new TieredMergePolicy();
    mp.setNoCFSRatio(1.0); // one compound file: a smaller fixture with fewer files
    // EnglishAnalyzer is what ItemIndexWriter.analyzer() returns; that class itself needs 10.x
    // codecs to load
    IndexWriterConfig cfg =
        new IndexWriterConfig(new EnglishAnalyzer())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setUseCompoundFile(true)
            .setMergePolicy(mp);
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, cfg)) {
      for (ItemFeatures item : Lucene912Fixture.items()) {
        w.updateDocument(ItemSchema.idTerm(item.id()), ItemSchema.toDocument(item));
      }
      w.forceMerge(1);
      w.setLiveCommitData(
          Map.of(
                  CommitKeys.FORMAT,
                  VectorFormat.HNSW.name(),
                  CommitKeys.OVERSAMPLE,
                  "3.0",
                  CommitKeys.MODEL_VERSION,
                  "3",
                  Lucene912Fixture.WRITTEN_BY,
                  Version.LATEST.toString())
              .entrySet());
      w.commit();
    }
    return Version.LATEST.toString();
  }
}
