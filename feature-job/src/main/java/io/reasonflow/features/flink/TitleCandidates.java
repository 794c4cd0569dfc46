package io.reasonflow.features.flink;

import io.reasonflow.features.core.TitledItem;
import java.io.Serializable;

/**
 * What one subtask of {@code sample-content-titles} sends the content fit: its share of the title
 * sample ({@link io.reasonflow.features.core.TitleSample}, at most {@code features.content
 * .fit-titles} items) and how many cold items it saw (none anywhere: nothing to fit).
 */
public record TitleCandidates(TitledItem[] items, long cold) implements Serializable {}
