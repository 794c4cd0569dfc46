package io.reasonflow.query;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.StoredRecommendation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reason job's recommendations, by user, in rank order: {@link StoredRecommendation}s, the
 * record the job writes its lines through, served as they were written (reasons, evidence and
 * claims included).
 */
final class StoredRecommendations {
  static final StoredRecommendations NONE = new StoredRecommendations(Map.of());

  private final Map<String, List<StoredRecommendation>> byUser;
  private final List<String> userIds;

  private StoredRecommendations(Map<String, List<StoredRecommendation>> byUser) {
    this.byUser = byUser;
    this.userIds = byUser.keySet().stream().sorted().toList();
  }

  static StoredRecommendations load(Path file) {
    if (file == null) {
      return NONE;
    }
    Map<String, List<StoredRecommendation>> m = new HashMap<>();
    long[] line = {0};
    StoredRecommendation.forEach(
        file,
        r -> {
          line[0]++;
          String missing =
              r.userId() == null
                  ? "userId"
                  : r.itemId() == null ? "itemId" : r.rank() < 1 ? "rank" : null;
          if (missing != null) {
            throw new UserError(
                "recommendation "
                    + line[0]
                    + " in "
                    + file
                    + " has no '"
                    + missing
                    + "' field"
                    + (missing.equals("rank") ? " of 1 or more" : "")
                    + " (is it the reason job's recommendations output?)");
          }
          m.computeIfAbsent(r.userId(), u -> new ArrayList<>()).add(r);
        });
    m.values().forEach(l -> l.sort(Comparator.comparingInt(StoredRecommendation::rank)));
    return new StoredRecommendations(m);
  }

  /** The user's first {@code k} recommendations, or an empty list for a user without any. */
  List<StoredRecommendation> top(String userId, int k) {
    List<StoredRecommendation> l = byUser.getOrDefault(userId, List.of());
    return l.subList(0, Math.min(k, l.size()));
  }

  /** Every user with recommendations, in id order. */
  List<String> userIds() {
    return userIds;
  }

  boolean has(String userId) {
    return byUser.containsKey(userId);
  }

  int users() {
    return byUser.size();
  }
}
