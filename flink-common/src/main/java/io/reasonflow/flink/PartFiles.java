package io.reasonflow.flink;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

/**
 * The batch jobs' parallel sinks: gzip part files in one directory ({@code
 * part-<uuid>-<subtask>-<n><suffix>}), one per sink subtask, through Flink's {@code FileSystem}
 * ({@code file://} here, an object store on a cluster). Parts are visible only once committed
 * (in-progress files are hidden dot-files), so a reader never sees half an output, and the readers
 * ({@code JsonLines.forEach}, {@code CoViewTable.read}) take the directory as one file.
 */
public final class PartFiles {
  private PartFiles() {}

  /**
   * JSON lines ({@code .jsonl.gz} parts).
   *
   * @param dir the output directory URI or path, e.g. {@code file:///data/out/recommendations} or
   *     {@code s3://...}
   */
  public static <T> FileSink<T> jsonLines(String dir) {
    return into(dir, GzipLinesWriter.jsonLines(), ".jsonl.gz");
  }

  /**
   * Lines from {@code encoder} in parts named {@code *<suffix>}, each part starting with {@code
   * header}.
   */
  public static <T> FileSink<T> lines(
      String dir, String header, GzipLinesWriter.LineEncoder<T> encoder, String suffix) {
    return into(dir, GzipLinesWriter.lines(header, encoder), suffix);
  }

  private static <T> FileSink<T> into(String dir, BulkWriter.Factory<T> format, String suffix) {
    return FileSink.<T>forBulkFormat(new Path(dir), format)
        .withBucketAssigner(new BasePathBucketAssigner<>())
        .withOutputFileConfig(
            OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(suffix).build())
        .build();
  }
}
