package io.reasonflow.features;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.common.io.EventLineParser;
import io.reasonflow.common.io.TimestampUnit;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.EventType;
import io.reasonflow.features.core.UserHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The shared real data sets (../shared/data, passed by surefire/failsafe as {@code rf.shared.data})
 * as the tests use them; a test that needs one is skipped, not failed, where the data is absent.
 */
public final class SharedData {
  private SharedData() {}

  static Path root() {
    return Path.of(System.getProperty("rf.shared.data", "../../shared/data"));
  }

  /** A file of the Amazon Beauty set, e.g. {@code events.tsv.gz}. */
  public static Path beauty(String file) {
    Path p = root().resolve("amazon-beauty-2014").resolve(file);
    assumeTrue(Files.isRegularFile(p), "shared data absent: " + p);
    return p;
  }

  /**
   * The first {@code lines} YOOCHOOSE training clicks as view events (a click session stands for a
   * shopper, id prefixed {@code s}), in {@link UserHistory#ORDER}.
   */
  public static List<Event> yoochooseClicks(int lines) {
    Path clicks = root().resolve("yoochoose-100k").resolve("clicks-train.tsv.gz");
    assumeTrue(Files.isRegularFile(clicks), "shared data absent: " + clicks);
    List<Event> events = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(clicks)), StandardCharsets.UTF_8))) {
      r.readLine(); // session_id item_id ts
      for (int i = 0; i < lines; i++) {
        String[] f = r.readLine().split("\t");
        events.add(
            new Event(
                "s" + f[0],
                f[1],
                EventType.VIEW,
                EventLineParser.parseTime(f[2], TimestampUnit.AUTO)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    events.sort(UserHistory.ORDER);
    return events;
  }
}
