package io.reasonflow.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The known words closest to a mistyped one, for "did you mean". Picocli's own suggestions compare
 * letter pairs, so a swap of two letters ("dmeo") shares no pair with the word meant ("demo") and
 * gets none; here the distance is the number of letters inserted, deleted, changed or swapped with
 * their neighbour (optimal string alignment).
 */
final class DidYouMean {
  private DidYouMean() {}

  /**
   * The words of {@code known} nearest to {@code typed}, if within a third of its length (at least
   * 2 edits).
   */
  static List<String> closest(String typed, Collection<String> known) {
    int limit = Math.max(2, typed.length() / 3);
    int best = Integer.MAX_VALUE;
    List<String> out = new ArrayList<>();
    for (String k : known) {
      int d = distance(typed, k);
      if (d > limit || d > best) {
        continue;
      }
      if (d < best) {
        best = d;
        out.clear();
      }
      out.add(k);
    }
    return out;
  }

  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
