package io.reasonflow.features.core;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.text.sentenceiterator.BasicLineIterator;
import org.deeplearning4j.text.sentenceiterator.SentenceIterator;

/**
 * item2vec's training corpus on disk: each sequence one line of opaque tokens ({@code i0 i1 ...})
 * in a file that DL4J streams once per epoch. The heap holds only the token table (one entry per
 * distinct item), so training memory grows with the catalogue, not with the history: a backfill of
 * months no longer keeps every shopper's sequences in one JVM. Ids are replaced by tokens because
 * ids are opaque strings: one with a space or a character the tokenizer treats specially would
 * otherwise be split or altered.
 *
 * <p>Not thread-safe; one writer (the training operator), then one reader (the trainer). Closing
 * deletes the file.
 */
public final class SequenceCorpus implements AutoCloseable {
  private final Path file;
  private final BufferedWriter out;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  private long[] occurrences = new long[64];
  private final StringBuilder line = new StringBuilder();
  private long sequences;
  private long tokens;
  private boolean finished;

  private SequenceCorpus(Path file) throws IOException {
    this.file = file;
    this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
  }

  /**
   * A new, empty corpus in a file of its own under {@code dir} (a TaskManager's temporary
   * directory).
   */
  public static SequenceCorpus create(Path dir) {
    try {
      Files.createDirectories(dir);
      return new SequenceCorpus(Files.createTempFile(dir, "item2vec-corpus-", ".txt"));
    } catch (IOException e) {
      throw new UncheckedIOException("creating an item2vec corpus file under " + dir, e);
    }
  }

  /**
   * A corpus of {@code sequences}, in the JVM's temporary directory (evaluation, benchmarks,
   * tests).
   */
  public static SequenceCorpus of(Iterable<? extends List<String>> sequences) {
    SequenceCorpus c = create(Path.of(System.getProperty("java.io.tmpdir")));
    sequences.forEach(c::add);
    return c;
  }

  /** Appends one sequence of item ids; an empty one is ignored. */
  public void add(List<String> sequence) {
    if (finished) {
      throw new IllegalStateException("the corpus was already handed to training");
    }
    if (sequence.isEmpty()) {
      return;
    }
    line.setLength(0);
    for (String item : sequence) {
      Integer i = index.get(item);
      if (i == null) {
        i = ids.size();
        index.put(item, i);
        ids.add(item);
        if (i == occurrences.length) {
          occurrences = java.util.Arrays.copyOf(occurrences, 2 * i);
        }
      }
      occurrences[i]++;
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append('i').append(i);
    }
    try {
      out.append(line).append('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
    sequences++;
    tokens += sequence.size();
  }

  public long sequences() {
    return sequences;
  }

  public long tokens() {
    return tokens;
  }

  /** Distinct items seen, each a token. */
  public int items() {
    return ids.size();
  }

  /** The item id behind token {@code i<index>}. */
  String item(int tokenIndex) {
    return ids.get(tokenIndex);
  }

  /**
   * The token index of {@code item}, or -1 if this corpus never saw it (data-parallel training
   * labels the shared vocabulary with a shard's own tokens).
   */
  public int tokenOf(String item) {
    Integer i = index.get(item);
    return i == null ? -1 : i;
  }

  /** How many times the item behind token {@code i<index>} occurs in this corpus. */
  public long occurrences(int tokenIndex) {
    if (tokenIndex >= ids.size()) {
      throw new IndexOutOfBoundsException(tokenIndex);
    }
    return occurrences[tokenIndex];
  }

  /**
   * Ends writing and returns an iterator that reads the lines again at every reset (one pass per
   * epoch).
   */
  SentenceIterator sentences() {
    finish();
    try {
      return new BasicLineIterator(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private void finish() {
    if (!finished) {
      finished = true;
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("writing " + file, e);
      }
    }
  }

  @Override
  public void close() {
    try {
      finish();
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("deleting " + file, e);
      }
    }
  }
}
