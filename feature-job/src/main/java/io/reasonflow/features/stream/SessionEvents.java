package io.reasonflow.features.stream;

import io.reasonflow.common.model.Event;
import java.io.Serializable;
import java.util.List;

/**
 * What {@link UserSessions} hands to {@link UserProfiles} when sessions close: the events of the
 * shopper's session(s) that just closed (one record per close, however many sessions the watermark
 * closed at once, so the profile is rebuilt once).
 *
 * @param user the shopper
 * @param events the closed sessions' events, in {@link
 *     io.reasonflow.features.core.UserHistory#ORDER}
 */
public record SessionEvents(String user, List<Event> events) implements Serializable {}
