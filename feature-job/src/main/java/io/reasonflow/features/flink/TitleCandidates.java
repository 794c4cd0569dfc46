package io.reasonflow.features.flink;

import io.reasonflow.features.core.TitleSample;
import java.io.Serializable;

/**
 * What one subtask of {@code sample-content-titles} sends the content fit: its share of the title
 * sample ({@link TitleSample}, at most {@code features.content.fit-titles} titles), how many
 * catalogue entries it read, and how many of them have a title with a word (only those can get a
 * content vector).
 */
public record TitleCandidates(TitleSample.Entry[] titles, long seen, long worded)
    implements Serializable {}
