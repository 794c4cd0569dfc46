package io.reasonflow.features.flink;

import io.reasonflow.common.io.ItemFileReader;
import io.reasonflow.common.io.ParseResult;
import io.reasonflow.common.io.RawLine;
import io.reasonflow.common.io.RecordFormat;
import io.reasonflow.common.model.Item;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Raw lines of catalogue files to {@link Item}s, exactly as {@link ItemFileReader} reads them. Runs
 * chained to the catalogue's file source (files are not split), so it sees line 1 of each file, its
 * header, first. Rejected lines are counted in {@value #REJECTED} (as before, a catalogue line that
 * cannot be read is skipped, not a dead letter of the event stream).
 */
public final class ParseItems extends ProcessFunction<RawLine, Item> {
  private static final long serialVersionUID = 1L;
  public static final String REJECTED = "catalogue-lines-rejected";
  private transient Map<String, ItemFileReader.LineParser> parsers;
  private transient LongCounter rejected;

  @Override
  public void open(OpenContext ctx) {
    parsers = new HashMap<>();
    rejected = getRuntimeContext().getLongCounter(REJECTED);
  }

  @Override
  public void processElement(RawLine line, Context ctx, Collector<Item> out) {
    ItemFileReader.LineParser parser = parsers.get(line.source());
    if (parser == null) {
      if (line.damage() != null) {
        rejected.add(1);
        return;
      }
      parsers.put(
          line.source(),
          ItemFileReader.LineParser.forHeader(line, RecordFormat.detect(Path.of(line.source()))));
      return;
    }
    if (parser.parse(line) instanceof ParseResult.Ok<Item> ok) {
      out.collect(ok.value());
    } else {
      rejected.add(1);
    }
  }
}
