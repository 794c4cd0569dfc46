package io.reasonflow.features.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.text.sentenceiterator.SentenceIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceCorpusTest {
  @TempDir Path dir;

  @Test
  void sequencesGoToAFileOfOpaqueTokensThatEveryEpochReadsAgain() {
    try (SequenceCorpus c = SequenceCorpus.create(dir)) {
      c.add(List.of("B00 A", "x y", "B00 A")); // ids with spaces stay one token each
      c.add(List.of());
      c.add(List.of("x y"));
      assertThat(c.sequences()).isEqualTo(2);
      assertThat(c.tokens()).isEqualTo(4);
      assertThat(c.items()).isEqualTo(2);
      assertThat(c.item(0)).isEqualTo("B00 A");
      assertThat(c.item(1)).isEqualTo("x y");

      SentenceIterator it = c.sentences();
      for (int epoch = 0; epoch < 2; epoch++) {
        List<String> lines = new ArrayList<>();
        while (it.hasNext()) {
          lines.add(it.nextSentence());
        }
        assertThat(lines).as("epoch %d", epoch).containsExactly("i0 i1 i0", "i1");
        it.reset();
      }
      assertThatThrownBy(() -> c.add(List.of("z"))).isInstanceOf(IllegalStateException.class);
    }
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).as("closing deletes the corpus file").isEmpty();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
