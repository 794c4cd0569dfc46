package io.reasonflow.features.flink;

import io.reasonflow.common.store.JsonLines;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes records to one JSON-lines file (gzip when it ends in {@code .gz}). Parallelism 1 only: the
 * outputs are single files that later stages read whole. The file is complete once the job finishes
 * (bounded input); it is not a transactional sink for streaming.
 */
public final class JsonLinesSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private final String file;

  public JsonLinesSink(Path file) {
    this.file = file.toAbsolutePath().toString();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
      throw new IllegalStateException(
          "JsonLinesSink writes one file and must run with parallelism 1");
    }
    return new Writer<>(JsonLines.writer(Path.of(file)));
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private final JsonLines.Writer<T> out;

    Writer(JsonLines.Writer<T> out) {
      this.out = out;
    }

    @Override
    public void write(T element, Context context) {
      out.write(element);
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public void close() {
      out.close();
    }
  }
}
