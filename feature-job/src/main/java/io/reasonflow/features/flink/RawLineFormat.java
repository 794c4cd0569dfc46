package io.reasonflow.features.flink;

import io.reasonflow.common.io.LineReader;
import io.reasonflow.common.io.RawLine;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * Reads each file whole, as {@link RawLine}s (bytes, so invalid UTF-8 can be dead-lettered),
 * gunzipping {@code .gz} files. A {@code BulkFormat} rather than a {@code StreamFormat} because a
 * line must carry its file's path (dead letters name it, and a TSV/CSV header belongs to one file)
 * and only a bulk reader is given the split's path. Files are not split: the header is the first
 * line of the file, and gzip cannot be split anyway. Line 1 of a TSV/CSV file is emitted like any
 * other line; {@link ParseEvents} takes it as that file's header.
 */
public final class RawLineFormat implements BulkFormat<RawLine, FileSourceSplit> {
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 1024;

  @Override
  public Reader<RawLine> createReader(Configuration config, FileSourceSplit split)
      throws IOException {
    return open(split, 0);
  }

  @Override
  public Reader<RawLine> restoreReader(Configuration config, FileSourceSplit split)
      throws IOException {
    long skip =
        split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
    return open(split, skip);
  }

  private static Reader<RawLine> open(FileSourceSplit split, long skip) throws IOException {
    Path path = split.path();
    FSDataInputStream in = path.getFileSystem().open(path);
    LineReader lines = LineReader.wrap(in, path.getPath());
    for (long i = 0; i < skip && lines.next() != null; i++) {
      // replaying up to the checkpointed line
    }
    return new LineBatchReader(lines, skip);
  }

  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<RawLine> getProducedType() {
    return TypeInformation.of(RawLine.class);
  }

  /** Hands out lines in batches of {@value #BATCH}, counting records for checkpoint positions. */
  private static final class LineBatchReader implements Reader<RawLine> {
    private final LineReader lines;
    private long emitted;

    LineBatchReader(LineReader lines, long alreadyEmitted) {
      this.lines = lines;
      this.emitted = alreadyEmitted;
    }

    @Override
    public RecordIterator<RawLine> readBatch() {
      RawLine[] batch = new RawLine[BATCH];
      int n = 0;
      for (RawLine l = lines.next(); l != null; l = n < BATCH ? lines.next() : null) {
        batch[n++] = l;
        if (n == BATCH) {
          break;
        }
      }
      if (n == 0) {
        return null;
      }
      ArrayResultIterator<RawLine> it = new ArrayResultIterator<>();
      it.set(batch, n, CheckpointedPosition.NO_OFFSET, emitted);
      emitted += n;
      return it;
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }
}
