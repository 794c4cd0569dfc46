package io.reasonflow.features.seqrec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff graph of the model: causal self-attention over a left-aligned item sequence
 * (SASRec's block: pre-norm single-head attention and a two-layer feed-forward, both residual); the
 * hidden state at each position times every item's embedding (input and output embeddings shared)
 * gives the next-item logits.
 *
 * <p>Sequences are left-aligned (position 0 is a shopper's oldest kept item, padding after the
 * last), so the causal mask alone keeps every real position from seeing padding. Batches hold
 * sequences of similar length, so little of the softmax over the catalogue, by far the largest
 * cost, is spent on padding; padded positions weigh 0 in the loss.
 *
 * <p>The item embedding table lives outside the graph: the input rows are looked up and fed as
 * {@code x0}, the output rows (the softmax's candidates) as {@code out}, and the trainer
 * scatter-adds both gradients back into the table. Two reasons: ND4J 1.0.0-M2.1's {@code gather}
 * builds its gradient as a per-index control-flow loop that fails as soon as a graph has two
 * gathers (a one-hot product would double the cost), and the candidates can then be every item
 * (full softmax) or the batch's targets plus sampled negatives (sampled softmax, several times
 * cheaper). Placeholders: {@code x0} [B*L, dim], {@code out} [K, dim], {@code pos} [B*L] position
 * in its row, {@code mask} [L, L] additive causal mask, {@code shape3} {B, L, dim}, {@code weight}
 * [B*L] loss weight (1/targets for real positions, 0 for padding), {@code labels} [B*L] the
 * target's row in {@code out}, {@code drop0..} [B*L, dim] one dropout mask per site (0 or 1/keep
 * while training, ones when scoring: SameDiff's dropout op has no gradient).
 */
final class SeqRecNetwork {
  static final String HIDDEN = "hidden";
  static final String LOSS = "loss";
  static final String X0 = "x0";
  static final String OUT = "out";

  final SameDiff sd;
  final int items;
  final SeqRecSettings s;
  private final Map<Integer, INDArray> masks = new HashMap<>();

  /** Item embeddings, row 0 = padding: kept outside the graph, see the class comment. */
  final INDArray emb;

  private SeqRecNetwork(SameDiff sd, INDArray emb, int items, SeqRecSettings s) {
    this.sd = sd;
    this.emb = emb;
    this.items = items;
    this.s = s;
  }

  /** Dropout sites: after the embeddings, and after attention and feed-forward in every block. */
  static int dropSites(SeqRecSettings s) {
    return s.dropout() == 0 ? 0 : 1 + 2 * s.blocks();
  }

  static SeqRecNetwork build(int items, SeqRecSettings s) {
    Nd4j.getRandom().setSeed(s.seed());
    SameDiff sd = SameDiff.create();
    int d = s.dim();
    INDArray emb = normal(0.05, items + 1, d);
    SDVariable x0 = sd.placeHolder(X0, DataType.FLOAT, -1, d);
    SDVariable pos = sd.placeHolder("pos", DataType.INT, -1);
    SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, -1);
    SDVariable shape3 = sd.placeHolder("shape3", DataType.LONG, 3);
    SDVariable weight = sd.placeHolder("weight", DataType.FLOAT, -1);
    SDVariable labels = sd.placeHolder("labels", DataType.INT, -1);
    SDVariable[] drop = new SDVariable[dropSites(s)];
    for (int k = 0; k < drop.length; k++) {
      drop[k] = sd.placeHolder("drop" + k, DataType.FLOAT, -1, d);
    }
    int site = 0;

    SDVariable out = sd.placeHolder(OUT, DataType.FLOAT, -1, d);
    SDVariable posEmb = sd.var("posEmb", normal(0.05, s.maxLength(), d));
    SDVariable x = dropout(x0.add(sd.oneHot(pos, s.maxLength()).mmul(posEmb)), drop, site++);
    double xavier = Math.sqrt(1.0 / d);
    for (int b = 0; b < s.blocks(); b++) {
      String p = "b" + b + "_";
      SDVariable h = layerNorm(sd, p + "ln1", x, d);
      SDVariable q = sd.reshape(h.mmul(sd.var(p + "wq", normal(xavier, d, d))), shape3);
      SDVariable k = sd.reshape(h.mmul(sd.var(p + "wk", normal(xavier, d, d))), shape3);
      SDVariable v = sd.reshape(h.mmul(sd.var(p + "wv", normal(xavier, d, d))), shape3);
      SDVariable scores = sd.mmul(q, k, false, true, false).div(Math.sqrt(d)).add(mask);
      SDVariable att = sd.nn.softmax(scores, 2);
      SDVariable o =
          sd.reshape(sd.mmul(att, v), -1, d).mmul(sd.var(p + "wo", normal(xavier, d, d)));
      x = x.add(dropout(o, drop, site++));
      h = layerNorm(sd, p + "ln2", x, d);
      SDVariable f =
          sd.nn.relu(
              h.mmul(sd.var(p + "w1", normal(xavier, d, d)))
                  .add(sd.var(p + "b1", Nd4j.zeros(DataType.FLOAT, d))),
              0);
      f =
          f.mmul(sd.var(p + "w2", normal(xavier, d, d)))
              .add(sd.var(p + "b2", Nd4j.zeros(DataType.FLOAT, d)));
      x = x.add(dropout(f, drop, site++));
    }
    SDVariable hidden = sd.identity(HIDDEN, layerNorm(sd, "lnf", x, d));
    SDVariable logits = sd.mmul(hidden, out, false, true, false);
    SDVariable ce = sd.loss.sparseSoftmaxCrossEntropy(logits, labels);
    SDVariable loss = sd.sum(LOSS, ce.mul(weight));
    sd.setLossVariables(loss);
    return new SeqRecNetwork(sd, emb, items, s);
  }

  private static INDArray normal(double std, long... shape) {
    return Nd4j.randn(DataType.FLOAT, shape).muli(std);
  }

  private static SDVariable layerNorm(SameDiff sd, String name, SDVariable x, int d) {
    return sd.nn.layerNorm(
        x,
        sd.var(name + "_g", Nd4j.ones(DataType.FLOAT, d)),
        sd.var(name + "_b", Nd4j.zeros(DataType.FLOAT, d)),
        false,
        1);
  }

  /** Inverted dropout by a fed mask: one graph trains (random masks) and scores (masks of ones). */
  private static SDVariable dropout(SDVariable x, SDVariable[] drop, int site) {
    return drop.length == 0 ? x : x.mul(drop[site]);
  }

  /** Names of the trainable arrays. */
  List<String> variableNames() {
    List<String> names = new ArrayList<>();
    sd.variables()
        .forEach(
            v -> {
              if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
                names.add(v.name());
              }
            });
    return names;
  }

  /**
   * The additive causal mask for length {@code l}: 0 on and below the diagonal, a large negative
   * above it.
   */
  private INDArray mask(int l) {
    return masks.computeIfAbsent(
        l,
        len -> {
          float[] m = new float[len * len];
          for (int i = 0; i < len; i++) {
            for (int j = i + 1; j < len; j++) {
              m[i * len + j] = -1e9f;
            }
          }
          return Nd4j.create(m, new long[] {len, len}, DataType.FLOAT);
        });
  }

  /** Flat row-major index (padding = 0, item i = i + 1) of rows padded to the longest. */
  static int[] flatten(int[][] rows, int l) {
    int[] flat = new int[rows.length * l];
    for (int b = 0; b < rows.length; b++) {
      for (int t = 0; t < rows[b].length; t++) {
        flat[b * l + t] = rows[b][t] + 1;
      }
    }
    return flat;
  }

  /**
   * Placeholders for rows of left-aligned item sequences (indices in [0, items)) padded to {@code
   * l}.
   */
  Map<String, INDArray> feed(int[][] rows, int l, INDArray flatIndex, boolean train) {
    int[] pos = new int[rows.length * l];
    for (int k = 0; k < pos.length; k++) {
      pos[k] = k % l;
    }
    Map<String, INDArray> m = new LinkedHashMap<>();
    m.put(X0, rows(emb, flatIndex.toIntVector()));
    m.put("pos", Nd4j.createFromArray(pos));
    m.put("mask", mask(l));
    m.put("shape3", Nd4j.createFromArray((long) rows.length, l, s.dim()));
    int sites = dropSites(s);
    double keep = 1 - s.dropout();
    for (int k = 0; k < sites; k++) {
      INDArray dm = Nd4j.createUninitialized(DataType.FLOAT, (long) rows.length * l, s.dim());
      if (train) {
        Nd4j.getExecutioner().exec(new BernoulliDistribution(dm, keep), Nd4j.getRandom());
        dm.divi(keep);
      } else {
        dm.assign(1);
      }
      m.put("drop" + k, dm);
    }
    return m;
  }

  /**
   * Rows of {@code table} in one native call ({@code INDArray.getRows} makes a view per row, 100x
   * slower).
   */
  static INDArray rows(INDArray table, int[] index) {
    return Nd4j.pullRows(table, 1, index);
  }

  /** Width of the padded rows: positions are numbered against it. */
  static int width(int[][] rows) {
    int l = 1;
    for (int[] r : rows) {
      l = Math.max(l, r.length);
    }
    return l;
  }
}
