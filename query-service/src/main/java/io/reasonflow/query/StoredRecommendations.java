package io.reasonflow.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.UserError;
import io.reasonflow.common.store.JsonLines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reason job's recommendations, by user, in rank order. Objects are kept exactly as written (reasons and any
 * other fields included) and served as they are.
 */
final class StoredRecommendations {
  static final StoredRecommendations NONE = new StoredRecommendations(Map.of());

  private final Map<String, List<JsonNode>> byUser;
  private final List<String> userIds;

  private StoredRecommendations(Map<String, List<JsonNode>> byUser) {
    this.byUser = byUser;
    this.userIds = byUser.keySet().stream().sorted().toList();
  }

  static StoredRecommendations load(Path file) {
    if (file == null) {
      return NONE;
    }
    Map<String, List<JsonNode>> m = new HashMap<>();
    long[] line = {0};
    JsonLines.forEach(file, JsonNode.class, n -> {
      line[0]++;
      for (String field : List.of("userId", "rank", "itemId")) {
        if (!n.hasNonNull(field)) {
          throw new UserError("recommendation " + line[0] + " in " + file + " has no '" + field + "' field");
        }
      }
      m.computeIfAbsent(n.get("userId").asText(), u -> new ArrayList<>()).add(n);
    });
    m.values().forEach(l -> l.sort(Comparator.comparingDouble(n -> n.get("rank").asDouble())));
    return new StoredRecommendations(m);
  }

  /** The user's first {@code k} recommendations, or an empty list for a user without any. */
  List<JsonNode> top(String userId, int k) {
    List<JsonNode> l = byUser.getOrDefault(userId, List.of());
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
