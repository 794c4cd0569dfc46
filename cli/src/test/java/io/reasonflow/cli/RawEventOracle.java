package io.reasonflow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * An independent re-computation of what reasons quote, straight from the raw TSV with none of
 * ReasonFlow's code: which items each shopper touched, and how many distinct shoppers had two items
 * in one session (events of one shopper no further apart than the gap). If the pipeline and this
 * oracle disagree, a reason is not true.
 */
final class RawEventOracle {
  private final Map<String, Set<String>> itemsByUser = new HashMap<>();
  private final Map<String, Integer> pairShoppers = new HashMap<>();

  RawEventOracle(Path eventsTsvGz, long gapMs, int maxSessionItems) {
    Map<String, List<long[]>> timesByUser = new HashMap<>();
    Map<String, List<String>> idsByUser = new HashMap<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(eventsTsvGz)), StandardCharsets.UTF_8))) {
      String header = r.readLine();
      if (!header.startsWith("user_id\titem_id\tts")) {
        throw new IllegalStateException("unexpected header " + header);
      }
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t");
        itemsByUser.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1]);
        List<String> ids = idsByUser.computeIfAbsent(f[0], k -> new ArrayList<>());
        timesByUser
            .computeIfAbsent(f[0], k -> new ArrayList<>())
            .add(new long[] {Long.parseLong(f[2]) * 1000L, ids.size()});
        ids.add(f[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String user : idsByUser.keySet()) {
      List<String> ids = idsByUser.get(user);
      List<long[]> times = timesByUser.get(user);
      // time order, ties by item id: the same order the job uses, so the session cap keeps the same
      // items
      times.sort(
          (a, b) ->
              a[0] != b[0]
                  ? Long.compare(a[0], b[0])
                  : ids.get((int) a[1]).compareTo(ids.get((int) b[1])));
      Set<String> userPairs = new HashSet<>();
      int start = 0;
      for (int i = 1; i <= times.size(); i++) {
        if (i == times.size() || times.get(i)[0] - times.get(i - 1)[0] > gapMs) {
          addPairs(times.subList(start, i), ids, maxSessionItems, userPairs);
          start = i;
        }
      }
      userPairs.forEach(p -> pairShoppers.merge(p, 1, Integer::sum));
    }
  }

  private static void addPairs(List<long[]> session, List<String> ids, int cap, Set<String> out) {
    List<String> items = new ArrayList<>();
    for (long[] t : session) {
      String id = ids.get((int) t[1]);
      if (items.isEmpty() || !items.get(items.size() - 1).equals(id)) { // A A B counts as A B
        items.add(id);
      }
    }
    List<String> kept = items.subList(Math.max(0, items.size() - cap), items.size());
    List<String> distinct = new ArrayList<>(new TreeSet<>(kept));
    for (int i = 0; i < distinct.size(); i++) {
      for (int j = i + 1; j < distinct.size(); j++) {
        out.add(distinct.get(i) + "\t" + distinct.get(j));
      }
    }
  }

  boolean interacted(String user, String item) {
    return itemsByUser.getOrDefault(user, Set.of()).contains(item);
  }

  int coViewShoppers(String a, String b) {
    String key = a.compareTo(b) <= 0 ? a + "\t" + b : b + "\t" + a;
    return pairShoppers.getOrDefault(key, 0);
  }
}
