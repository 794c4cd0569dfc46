package io.reasonflow.features.flink;

import io.reasonflow.features.core.TitledItem;
import java.io.Serializable;

/**
 * What one subtask of {@code sample-content-titles} sends the content fit: its share of the title
 * sample ({@link io.reasonflow.features.core.TitleSample}, at most {@code features.content
 * .fit-titles} items), how many catalogue items it saw, and how many of them were cold (none
 * anywhere: nothing to fit).
 */
public record TitleCandidates(TitledItem[] items, long seen, long cold) implements Serializable {}
