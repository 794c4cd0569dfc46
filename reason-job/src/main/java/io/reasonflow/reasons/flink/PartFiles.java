package io.reasonflow.reasons.flink;

import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

/**
 * A parallel sink of gzip JSON-lines part files into one directory ({@code part-<uuid>-<subtask>-<n>.jsonl.gz}),
 * through Flink's {@code FileSystem}: {@code file://} here, an object store on a cluster. Parts are visible only once
 * committed (in-progress files are hidden dot-files), so a reader never sees half an output.
 */
public final class PartFiles {
  private PartFiles() {}

  /** @param dir the output directory URI or path, e.g. {@code file:///data/out/recommendations} or {@code s3://...} */
  public static <T> FileSink<T> into(String dir) {
    return FileSink.<T>forBulkFormat(new Path(dir), JsonLinesGzipWriter.factory())
        .withBucketAssigner(new BasePathBucketAssigner<>())
        .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".jsonl.gz").build())
        .build();
  }
}
