package io.reasonflow.common.model;

import java.io.Serializable;

/**
 * One of a shopper's recent items: what a reason may cite as "the X you looked at".
 *
 * @param itemId the item
 * @param type what the shopper did with it (the strongest event type seen for the item)
 * @param lastTimeMs when, epoch milliseconds (the latest event with the item)
 */
public record Anchor(String itemId, EventType type, long lastTimeMs) implements Serializable {}
