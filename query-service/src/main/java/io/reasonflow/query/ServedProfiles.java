package io.reasonflow.query;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.JsonLines;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shoppers' profiles the service answers from (the feature job builds them in {@code
 * features.core.Profiles}): by id, loaded once at start; a later line for the same user wins, as in
 * an append log.
 */
final class ServedProfiles {
  static final ServedProfiles NONE = new ServedProfiles(Map.of());

  private final Map<String, UserProfile> byUser;

  private ServedProfiles(Map<String, UserProfile> byUser) {
    this.byUser = byUser;
  }

  static ServedProfiles load(Path file) {
    if (file == null) {
      return NONE;
    }
    Map<String, UserProfile> m = new HashMap<>();
    JsonLines.forEach(file, UserProfile.class, p -> m.put(p.userId(), p));
    return new ServedProfiles(m);
  }

  Optional<UserProfile> get(String userId) {
    return Optional.ofNullable(byUser.get(userId));
  }

  int size() {
    return byUser.size();
  }
}
