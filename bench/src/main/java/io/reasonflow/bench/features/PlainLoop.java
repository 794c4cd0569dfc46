package io.reasonflow.bench.features;

import io.reasonflow.common.Progress;
import io.reasonflow.common.io.EventLineParser;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.LineReader;
import io.reasonflow.common.io.ParseResult;
import io.reasonflow.common.io.RawLine;
import io.reasonflow.common.io.RecordFormat;
import io.reasonflow.common.model.Event;
import io.reasonflow.features.core.FeatureSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming path's work as one plain single-threaded Java loop, the yardstick for the Flink
 * figure: the same parser, a watermark kept the same way (highest event time seen minus the
 * out-of-orderness), the same {@link ShopperState} per shopper in a HashMap, and pair counts in a
 * HashMap.
 */
final class PlainLoop {
  private static final Logger LOG = LoggerFactory.getLogger(PlainLoop.class);

  private PlainLoop() {}

  static StreamingPipeline.Result run(
      List<Path> files,
      EventSchema schema,
      FeatureSettings s,
      Map<String, float[]> vectors,
      long expectedEvents) {
    long start = System.currentTimeMillis();
    Map<String, ShopperState> shoppers = new HashMap<>();
    Map<String, Integer> pairs = new HashMap<>();
    long[] pairUpdates = {0};
    long events = 0;
    long late = 0;
    long maxTime = Long.MIN_VALUE;
    for (Path f : files) {
      try (LineReader lines = LineReader.open(f)) {
        EventLineParser parser =
            EventLineParser.forHeader(schema, RecordFormat.detect(f), lines.next());
        for (RawLine line = lines.next(); line != null; line = lines.next()) {
          if (!(parser.parse(line) instanceof ParseResult.Ok<Event> ok)) {
            continue;
          }
          Event e = ok.value();
          long watermark =
              maxTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxTime - s.outOfOrdernessMs();
          if (e.eventTimeMs() < watermark) {
            late++;
          }
          maxTime = Math.max(maxTime, e.eventTimeMs());
          shoppers
              .computeIfAbsent(e.userId(), k -> new ShopperState())
              .add(
                  e,
                  s.sessionGapMs(),
                  s.sessionMaxItems(),
                  s.halfLifeMs(),
                  vectors,
                  s.dim(),
                  pair -> {
                    pairs.merge(pair, 1, Integer::sum);
                    pairUpdates[0]++;
                  });
          if (++events % 1_000_000 == 0) {
            LOG.info(Progress.line("plain loop", events, expectedEvents, start));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + f, e);
      }
    }
    return new StreamingPipeline.Result(
        events, pairUpdates[0], late, System.currentTimeMillis() - start);
  }
}
