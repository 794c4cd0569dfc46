package io.reasonflow.features.flink;

import io.reasonflow.common.seqrec.NextItemFile;
import io.reasonflow.features.seqrec.LinearNextItem;
import io.reasonflow.features.seqrec.NextItemBackfill;
import io.reasonflow.features.seqrec.NextItemFit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers every shopper's item sequence and, when the (bounded) input ends, fits the next-item
 * model (the linear model, {@link LinearNextItem}, and the sequential item-kNN, as {@link
 * NextItemFit} defines it; the streaming job refits the same) and writes both as one {@link
 * NextItemFile} for the reason job. Must run with parallelism 1: one model over the catalogue. Like
 * {@link TrainSeqRec} its input is keyed by {@link CorpusOrderKey}, so the item numbering is the
 * same whatever the upstream parallelism.
 *
 * <p>Memory: every shopper's items as ints (4 bytes an event), the model's rows (items x keep x 2 x
 * 8 bytes), and while solving the dense inverse over the items seen at least {@code
 * features.linear-next.min-count} times (4 m^2 bytes off the heap). With no training position it
 * writes no file (the job cleared any older one beforehand). Emits nothing; the file is its output.
 */
public final class TrainNextItem extends TrainOnSequences {
  private static final Logger LOG = LoggerFactory.getLogger(TrainNextItem.class);
  private static final long serialVersionUID = 1L;
  public static final String FIT_MILLIS = "next-item-fit-millis";

  private final NextItemBackfill settings;

  /**
   * @param file where to write the model
   */
  public TrainNextItem(NextItemBackfill settings, String file) {
    super(file);
    this.settings = settings;
  }

  @Override
  protected int itemsPerSequence() {
    return Integer.MAX_VALUE;
  }

  @Override
  public void endInput() {
    if (corpus.positions() == 0) {
      LOG.info("next-item model: no shopper has two items in a row; no model fitted");
      release();
      return;
    }
    long start = System.currentTimeMillis();
    int n = corpus.itemIds().size();
    LOG.info(
        String.format(
            "next-item model: fitting on %,d shoppers, %,d positions, %,d items (%s)",
            corpus.sequences().size(), corpus.positions(), n, settings.linear()));
    NextItemFile f = NextItemFit.fit(corpus, settings.linear(), "", LOG::info);
    release();
    try {
      f.write(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the next-item model to " + file, e);
    }
    long millis = System.currentTimeMillis() - start;
    getRuntimeContext().getLongCounter(FIT_MILLIS).add(millis);
    LOG.info(
        String.format(
            "next-item model: %,d items, %,d linear and %,d kNN weights, fitted in %.1f s -> %s",
            n, f.linear().entries(), f.transitions().entries(), millis / 1000.0, file));
  }

  @Override
  public String toString() {
    return "TrainNextItem" + Arrays.asList(settings, file);
  }
}
