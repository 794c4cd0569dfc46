package io.reasonflow.common.synthetic;

import io.reasonflow.common.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded synthetic shop: event files and a catalogue shaped like real logs, at any size, for
 * benchmarks ({@code bench features}, the session-cluster scaling benchmark in deployment-tests).
 *
 * <ul>
 *   <li>Items: {@code max(1000, events / 50)}, in families of 20 (one brand, one kind of product),
 *       popularity Zipf with exponent 1 (the k-th most popular item is seen about 1/k as often as
 *       the first: a long tail).
 *   <li>Shoppers: {@code max(100, events / 20)}; each session belongs to a uniformly drawn shopper.
 *   <li>Sessions: geometric length (mean 4); the first item by popularity, each next one from the
 *       same family with probability 0.6 (so co-views and item2vec have structure to find), else by
 *       popularity again; events 10 s to 5 min apart; 80% views, 10% clicks, 7% carts, 3%
 *       purchases.
 *   <li>Time: sessions start in order through a 90-day window, so each file is sorted by time as a
 *       log is.
 *   <li>Titles: brand, product kind and a shade or scent word, e.g. "Lumora matte lipstick rose 3.4
 *       oz"; 2% of the catalogue has no events at all (new products for the cold-start path).
 * </ul>
 *
 * Writes {@code dir/items.tsv} and, dealt by shopper, {@code files} TSV files under {@code
 * dir/events/} (user_id, item_id, ts in ms, type, session_id): a shopper's events stay in one file
 * in order, so a parallel file source (one reader per file) and a plain loop see each shopper's
 * events in the same order and must compute the same features.
 */
public final class SyntheticEvents {
  private static final int FAMILY = 20;
  private static final String[] BRANDS = {
    "lumora", "velise", "annick", "kurobi", "solvane", "mireth", "dunlay", "orvane", "pelisse",
    "zandra", "cobalte", "ivrea", "halden", "nuvola", "serith", "tamsin", "ybara", "quelle",
    "farrow", "elmina"
  };
  private static final String[] KINDS = {
    "matte lipstick",
    "nail lacquer",
    "argan shampoo",
    "hair conditioner",
    "eye shadow palette",
    "liquid eyeliner",
    "face serum",
    "night cream",
    "body lotion",
    "sunscreen spf",
    "makeup brush",
    "dry shampoo",
    "lip balm",
    "cuticle oil",
    "bronzer powder",
    "setting spray",
    "sheet mask",
    "hand cream",
    "perfume mist",
    "nail file"
  };
  private static final String[] SHADES = {
    "rose",
    "coral",
    "nude",
    "berry",
    "ivory",
    "amber",
    "lavender",
    "mint",
    "vanilla",
    "cherry",
    "ocean",
    "citrus",
    "midnight",
    "velvet",
    "honey",
    "jasmine"
  };
  private static final String[] TYPES = {"view", "click", "cart", "purchase"};

  /** What was written. */
  public record Written(
      List<Path> eventFiles, Path catalogue, long events, int users, int items, long millis) {}

  private SyntheticEvents() {}

  public static int itemsFor(long events) {
    return (int) Math.max(1000, Math.min(Integer.MAX_VALUE / 2, events / 50));
  }

  public static Written write(
      Path dir, long events, int files, long seed, Consumer<String> progress) {
    long start = System.currentTimeMillis();
    int items = itemsFor(events);
    int users = (int) Math.max(100, Math.min(Integer.MAX_VALUE / 2, events / 20));
    SplittableRandom r = new SplittableRandom(seed);
    // popularity rank -> item: shuffled, so popular items are spread over families
    int[] byRank = new int[items];
    for (int i = 0; i < items; i++) {
      byRank[i] = i;
    }
    for (int i = items - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = byRank[i];
      byRank[i] = byRank[j];
      byRank[j] = t;
    }
    double[] cdf = new double[items];
    double sum = 0;
    for (int k = 0; k < items; k++) {
      sum += 1.0 / (k + 1);
      cdf[k] = sum;
    }
    // the last 2% of ids never get events: catalogue-only items
    int withEvents = items - items / 50;
    try {
      Files.createDirectories(dir.resolve("events"));
      Path catalogue = dir.resolve("items.tsv");
      try (Writer w = writer(catalogue)) {
        w.write("item_id\ttitle\n");
        for (int i = 0; i < items; i++) {
          int family = i / FAMILY;
          w.write(itemId(i) + "\t" + title(family, i) + "\n");
        }
      }
      List<Path> eventFiles = new ArrayList<>();
      Writer[] out = new Writer[files];
      for (int f = 0; f < files; f++) {
        Path p = dir.resolve("events").resolve(String.format("events-%02d.tsv", f));
        eventFiles.add(p);
        out[f] = writer(p);
        out[f].write("user_id\titem_id\tts\ttype\tsession_id\n");
      }
      long t0 = 1_700_000_000_000L;
      long span = 90L * 24 * 3600 * 1000;
      long expectedSessions = Math.max(1, events / 4);
      long written = 0;
      long session = 0;
      long nextReport = Math.max(1, events / 10);
      StringBuilder sb = new StringBuilder(64);
      while (written < events) {
        int user = r.nextInt(users);
        long t = t0 + span * session / expectedSessions + r.nextLong(60_000);
        int len = 1;
        while (len < 50 && r.nextDouble() < 0.75) {
          len++;
        }
        int item = popular(r, cdf, byRank, withEvents);
        Writer w = out[user % files];
        for (int k = 0; k < len && written < events; k++) {
          if (k > 0) {
            item =
                r.nextDouble() < 0.6
                    ? Math.min(withEvents - 1, (item / FAMILY) * FAMILY + r.nextInt(FAMILY))
                    : popular(r, cdf, byRank, withEvents);
            t += 10_000 + r.nextLong(290_000);
          }
          double u = r.nextDouble();
          String type = u < 0.80 ? TYPES[0] : u < 0.90 ? TYPES[1] : u < 0.97 ? TYPES[2] : TYPES[3];
          sb.setLength(0);
          sb.append('u')
              .append(user)
              .append('\t')
              .append(itemId(item))
              .append('\t')
              .append(t)
              .append('\t')
              .append(type)
              .append('\t')
              .append('s')
              .append(session)
              .append('\n');
          w.write(sb.toString());
          written++;
        }
        session++;
        if (written >= nextReport) {
          progress.accept(Progress.line("generate", written, events, start));
          nextReport += Math.max(1, events / 10);
        }
      }
      for (Writer w : out) {
        w.close();
      }
      return new Written(
          eventFiles, catalogue, written, users, items, System.currentTimeMillis() - start);
    } catch (IOException e) {
      throw new UncheckedIOException("writing synthetic events under " + dir, e);
    }
  }

  private static int popular(SplittableRandom r, double[] cdf, int[] byRank, int withEvents) {
    double x = r.nextDouble() * cdf[cdf.length - 1];
    int k = Arrays.binarySearch(cdf, x);
    int rank = k >= 0 ? k : -k - 1;
    int item = byRank[Math.min(rank, cdf.length - 1)];
    return item < withEvents ? item : item % withEvents;
  }

  public static String itemId(int i) {
    return "P" + i;
  }

  private static String title(int family, int item) {
    String brand =
        BRANDS[family % BRANDS.length]
            + (family / BRANDS.length % 7 == 0
                ? ""
                : "" + (char) ('a' + family / BRANDS.length % 26));
    String kind = KINDS[(family * 7 + family / BRANDS.length) % KINDS.length];
    String shade = SHADES[(item * 31 + family) % SHADES.length];
    return brand + " " + kind + " " + shade + " " + (1 + item % 9) + ".4 oz";
  }

  private static Writer writer(Path p) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8), 1 << 16);
  }
}
