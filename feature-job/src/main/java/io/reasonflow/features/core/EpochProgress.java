package io.reasonflow.features.core;

import java.util.function.Consumer;
import org.deeplearning4j.models.sequencevectors.SequenceVectors;
import org.deeplearning4j.models.sequencevectors.enums.ListenerEvent;
import org.deeplearning4j.models.sequencevectors.interfaces.VectorsListener;
import org.deeplearning4j.models.word2vec.VocabWord;

/**
 * One line per DL4J training epoch with the throughput and an ETA, so that a backfill training for
 * many minutes (item2vec over months of sessions, word vectors over a large catalogue's titles)
 * shows it is alive.
 */
final class EpochProgress implements VectorsListener<VocabWord> {
  private final String what;
  private final long corpusTokens;
  private final int epochs;
  private final Consumer<String> progress;
  private volatile long start = System.currentTimeMillis();

  EpochProgress(String what, long corpusTokens, int epochs, Consumer<String> progress) {
    this.what = what;
    this.corpusTokens = corpusTokens;
    this.epochs = epochs;
    this.progress = progress;
  }

  /** The epochs start now: the rate and ETA leave out what came before (the vocabulary pass). */
  void begin() {
    start = System.currentTimeMillis();
  }

  @Override
  public boolean validateEvent(ListenerEvent event, long argument) {
    return event == ListenerEvent.EPOCH;
  }

  @Override
  public void processEvent(ListenerEvent event, SequenceVectors<VocabWord> model, long argument) {
    long ms = Math.max(1, System.currentTimeMillis() - start);
    long done = argument;
    progress.accept(
        String.format(
            "%s epoch %d/%d, %.0f tokens/s, ETA %.0f s",
            what,
            done,
            epochs,
            corpusTokens * (double) done * 1000.0 / ms,
            (double) ms * (epochs - done) / Math.max(1, done) / 1000.0));
  }
}
