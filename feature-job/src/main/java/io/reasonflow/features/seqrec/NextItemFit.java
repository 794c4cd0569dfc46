package io.reasonflow.features.seqrec;

import io.reasonflow.common.seqrec.NextItemFile;
import io.reasonflow.features.core.IndexedSequences;
import io.reasonflow.features.core.Transitions;
import java.util.function.Consumer;

/**
 * The next-item model's fit, one definition for the batch backfill ({@code TrainNextItem}) and the
 * streaming refit ({@code NextItemRefit}): the linear model ({@link LinearNextItem}) and the
 * sequential item-kNN ({@link Transitions}, the window eval-recs uses) over the same shoppers'
 * sequences, each row cut to the linear model's {@code keep} largest weights, as one {@link
 * NextItemFile}.
 */
public final class NextItemFit {
  private NextItemFit() {}

  /**
   * Fits both tables over {@code corpus}'s sequences (which must hold at least one training
   * position). The caller may release the sequences afterwards; the file keeps the item ids.
   *
   * @param origin what the model was fitted from, for the file's "trained with" line
   * @throws IllegalStateException or IllegalArgumentException as {@link LinearNextItem#train} does
   */
  public static NextItemFile fit(
      IndexedSequences corpus,
      LinearNextItem.Settings settings,
      String origin,
      Consumer<String> progress) {
    if (corpus.positions() == 0) {
      throw new IllegalArgumentException("no training position: no sequence of two items");
    }
    int n = corpus.itemIds().size();
    LinearNextItem linear = LinearNextItem.train(corpus.sequences(), n, settings, progress);
    Transitions transitions =
        Transitions.count(corpus.sequences(), n, Transitions.WINDOW, Transitions.BACKWARD);
    int keep = settings.keep();
    int[][] lt = new int[n][];
    float[][] lw = new float[n][];
    int[][] tt = new int[n][];
    float[][] tw = new float[n][];
    for (int a = 0; a < n; a++) {
      lt[a] = linear.targets(a);
      lw[a] = linear.weights(a);
      LinearNextItem.Row top =
          LinearNextItem.topOf(transitions.targets(a), transitions.scores(a), keep);
      tt[a] = top.targets();
      tw[a] = top.weights();
    }
    return new NextItemFile(
        String.format(
            "%slinear: %s; sequential kNN: window %d, backward %s, top %d; %,d positions",
            origin.isEmpty() ? "" : origin + "; ",
            settings,
            Transitions.WINDOW,
            Transitions.BACKWARD,
            keep,
            corpus.positions()),
        settings.window(),
        settings.decay(),
        corpus.itemIds(),
        new NextItemFile.Table(lt, lw),
        new NextItemFile.Table(tt, tw));
  }
}
