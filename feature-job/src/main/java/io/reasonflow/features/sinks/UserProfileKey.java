package io.reasonflow.features.sinks;

import io.reasonflow.common.model.UserProfile;

/** Profiles are keyed by user id. */
public final class UserProfileKey implements RecordKey<UserProfile> {
  private static final long serialVersionUID = 1L;

  @Override
  public String key(UserProfile p) {
    return p.userId();
  }
}
