package io.reasonflow.features.flink;

import io.reasonflow.common.store.CoViewTable;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

/**
 * The backfill's parallel sinks: gzip part files in one directory ({@code part-<uuid>-<subtask>-<n><suffix>}), one
 * per sink subtask, through Flink's {@code FileSystem} ({@code file://} here, an object store on a cluster). Parts
 * are visible only once committed (in-progress files are hidden dot-files), and the readers
 * ({@code JsonLines.forEach}, {@link CoViewTable#read}) take the directory as one file.
 */
public final class PartFiles {
  private PartFiles() {}

  /** JSON lines ({@code .jsonl.gz} parts). */
  public static <T> FileSink<T> jsonLines(String dir) {
    return into(dir, GzipLinesWriter.jsonLines(), ".jsonl.gz");
  }

  /** Co-view pair counts as {@link CoViewTable}'s TSV ({@code .tsv.gz} parts, each with the header). */
  public static FileSink<ItemFact> coViews(String dir) {
    return into(dir, GzipLinesWriter.lines(CoViewTable.HEADER,
        f -> (f.key() + '\t' + f.count()).getBytes(StandardCharsets.UTF_8)), ".tsv.gz");
  }

  private static <T> FileSink<T> into(String dir, BulkWriter.Factory<T> format, String suffix) {
    return FileSink.<T>forBulkFormat(new Path(dir), format)
        .withBucketAssigner(new BasePathBucketAssigner<>())
        .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(suffix).build())
        .build();
  }
}
