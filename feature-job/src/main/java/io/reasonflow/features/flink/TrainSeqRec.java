package io.reasonflow.features.flink;

import io.reasonflow.features.seqrec.SeqRecBackfill;
import io.reasonflow.features.seqrec.SeqRecTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers every shopper's item sequence and, when the (bounded) input ends, trains the sequential
 * next-item model ({@link SeqRecTrainer}) and writes it as a {@link
 * io.reasonflow.common.seqrec.SeqRecFile} for the reason job. Must run with parallelism 1: one
 * model over the catalogue. Like {@link TrainItem2Vec} its input is keyed by {@link
 * CorpusOrderKey}, so the item numbering and the batches are the same whatever the upstream
 * parallelism.
 *
 * <p>Memory: the newest {@code maxLength + 1} items of each shopper as ints (about 200 bytes a
 * shopper at the default 50), plus the model. Below {@link SeqRecBackfill#minPositions()} training
 * positions it trains nothing and writes no file (the job cleared any older one beforehand), so the
 * reason job runs on its other sources. Emits nothing; the file is its output.
 */
public final class TrainSeqRec extends TrainOnSequences {
  private static final Logger LOG = LoggerFactory.getLogger(TrainSeqRec.class);
  private static final long serialVersionUID = 1L;
  public static final String TRAIN_MILLIS = "seqrec-train-millis";

  private final SeqRecBackfill settings;

  /**
   * @param file where to write the model
   */
  public TrainSeqRec(SeqRecBackfill settings, String file) {
    super(file);
    this.settings = settings;
  }

  @Override
  protected int itemsPerSequence() {
    return settings.model().maxLength() + 1;
  }

  @Override
  public void endInput() {
    if (corpus.positions() < Math.max(1, settings.minPositions())
        || settings.model().epochs() == 0) {
      LOG.info(
          String.format(
              "seqrec: %,d training positions (features.seqrec.min-positions=%,d, epochs=%d): "
                  + "no sequential model trained",
              corpus.positions(), settings.minPositions(), settings.model().epochs()));
      release();
      return;
    }
    LOG.info(
        String.format(
            "seqrec: training on %,d shoppers, %,d positions, %,d items (%s)",
            corpus.sequences().size(),
            corpus.positions(),
            corpus.itemIds().size(),
            settings.model()));
    SeqRecTrainer.Result r =
        SeqRecTrainer.train(
            corpus.sequences(), corpus.itemIds(), settings.model(), null, LOG::info);
    release();
    getRuntimeContext().getLongCounter(TRAIN_MILLIS).add(r.trainMillis());
    String trainedWith =
        String.format(
            "%s; %d epochs on %,d positions, last loss %.4f",
            settings.model(),
            r.epochs().size(),
            corpus.positions(),
            r.epochs().isEmpty() ? Double.NaN : r.epochs().getLast().loss());
    try {
      r.model().toFile(trainedWith).write(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the sequential model to " + file, e);
    }
    LOG.info(
        String.format(
            "seqrec: %,d items, %d epochs in %.1f s -> %s",
            corpus.itemIds().size(), r.epochs().size(), r.trainMillis() / 1000.0, file));
  }

  @Override
  public String toString() {
    return "TrainSeqRec" + Arrays.asList(settings, file);
  }
}
