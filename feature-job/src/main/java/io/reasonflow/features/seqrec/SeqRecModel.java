package io.reasonflow.features.seqrec;

import io.reasonflow.common.NativeLibraries;
import io.reasonflow.common.seqrec.SeqRecFile;
import io.reasonflow.common.seqrec.SeqRecScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained sequential next-item model: scores every catalogue item as the next one after a
 * shopper's history.
 *
 * <p>Not thread-safe (one SameDiff session) except {@link #score} and {@link #scorer}: callers that
 * score batches concurrently hold one instance per thread or synchronise. The file written by
 * {@link #save} is a versioned {@link SeqRecFile}; reading refuses other versions with a message
 * saying so, so a model trained by an older job is retrained, not misread.
 */
public final class SeqRecModel {
  /**
   * Positions (padding included) in one scoring pass: bounds the activations of a large batch of
   * histories.
   */
  private static final int SCORE_TOKENS = 8192;

  /** The item embedding table's name among the weights (it lives outside the graph). */
  static final String EMB = SeqRecFile.EMB;

  private final SeqRecNetwork net;
  private final List<String> itemIds;
  private final Map<String, Integer> index;

  /**
   * Plain-Java copy of the weights for one-shopper scoring; made on first use, dropped when weights
   * change.
   */
  private volatile SeqRecScorer forward;

  SeqRecModel(SeqRecNetwork net, List<String> itemIds) {
    this.net = net;
    this.itemIds = List.copyOf(itemIds);
    this.index = new HashMap<>();
    for (int i = 0; i < this.itemIds.size(); i++) {
      index.put(this.itemIds.get(i), i);
    }
  }

  /** The items scored, in the order of the score arrays. */
  public List<String> itemIds() {
    return itemIds;
  }

  public SeqRecSettings settings() {
    return net.s;
  }

  /**
   * Next-item scores (logits: higher = more likely) for every item of {@link #itemIds()}, after a
   * history given oldest first. Items the model does not know are skipped; an empty (or
   * all-unknown) history scores every item 0. One shopper at a time, in plain Java (no per-call
   * graph overhead) and thread-safe: the serving path.
   */
  public float[] score(List<String> history) {
    List<Integer> known = new ArrayList<>(history.size());
    for (String h : history) {
      Integer i = index.get(h);
      if (i != null) {
        known.add(i);
      }
    }
    if (known.isEmpty()) {
      return new float[itemIds.size()];
    }
    return scorer().score(known.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The plain-Java forward pass over the current weights (copied once, until they change). */
  public SeqRecScorer scorer() {
    SeqRecScorer f = forward;
    if (f == null) {
      f = new SeqRecScorer(toFile(net.s.toString()));
      forward = f;
    }
    return f;
  }

  /**
   * Scores for many histories at once (item indices into {@link #itemIds()}, oldest first, each
   * non-empty) through the SameDiff graph, a few thousand positions a pass: evaluation over
   * thousands of shoppers is a few matrix products. Not thread-safe.
   */
  public float[][] scoreIndices(List<int[]> histories) {
    int[][] rows = new int[histories.size()][];
    for (int b = 0; b < rows.length; b++) {
      int[] h = histories.get(b);
      if (h.length == 0) {
        throw new IllegalArgumentException("history " + b + " is empty");
      }
      int from = Math.max(0, h.length - net.s.maxLength());
      rows[b] = java.util.Arrays.copyOfRange(h, from, h.length);
    }
    // similar lengths together, so a pass pads little; at most SCORE_TOKENS positions a pass
    Integer[] order = new Integer[rows.length];
    for (int b = 0; b < rows.length; b++) {
      order[b] = b;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(b -> rows[b].length));
    float[][] out = new float[rows.length][];
    int start = 0;
    while (start < rows.length) {
      int end = start + 1;
      while (end < rows.length
          && (long) (end - start + 1) * rows[order[end]].length <= SCORE_TOKENS) {
        end++;
      }
      int[][] pass = new int[end - start][];
      for (int k = start; k < end; k++) {
        pass[k - start] = rows[order[k]];
      }
      float[][] scores = forward(pass);
      for (int k = start; k < end; k++) {
        out[order[k]] = scores[k - start];
      }
      start = end;
    }
    return out;
  }

  /** Next-item scores after the last position of each row, in one forward pass. */
  private float[][] forward(int[][] rows) {
    int l = SeqRecNetwork.width(rows);
    int[] sel = new int[rows.length];
    for (int b = 0; b < rows.length; b++) {
      sel[b] = b * l + rows[b].length - 1;
    }
    INDArray flat = Nd4j.createFromArray(SeqRecNetwork.flatten(rows, l));
    INDArray hidden =
        net.sd
            .output(net.feed(rows, l, flat, false), SeqRecNetwork.HIDDEN)
            .get(SeqRecNetwork.HIDDEN);
    float[][] logits = Nd4j.pullRows(hidden, 1, sel).mmul(net.emb.transpose()).toFloatMatrix();
    float[][] out = new float[rows.length][];
    for (int b = 0; b < rows.length; b++) {
      out[b] = java.util.Arrays.copyOfRange(logits[b], 1, logits[b].length); // column 0 is padding
    }
    return out;
  }

  SeqRecNetwork network() {
    return net;
  }

  /** The trainable arrays by name (copies), to keep the best epoch's weights. */
  Map<String, INDArray> weights() {
    Map<String, INDArray> w = new java.util.TreeMap<>();
    w.put(EMB, net.emb.dup());
    for (SDVariable v : net.sd.variables()) {
      if (v.getVariableType() == VariableType.VARIABLE) {
        w.put(v.name(), v.getArr().dup());
      }
    }
    return w;
  }

  /** The weights were changed in place (a training step): the plain-Java copy is stale. */
  void weightsChanged() {
    forward = null;
  }

  void setWeights(Map<String, INDArray> w) {
    forward = null;
    for (Map.Entry<String, INDArray> e : w.entrySet()) {
      INDArray target =
          e.getKey().equals(EMB)
              ? net.emb
              : net.sd.getVariable(e.getKey()) == null
                  ? null
                  : net.sd.getVariable(e.getKey()).getArr();
      if (target == null || !java.util.Arrays.equals(target.shape(), e.getValue().shape())) {
        throw new IllegalArgumentException("weight " + e.getKey() + " does not fit the model");
      }
      target.assign(e.getValue());
    }
  }

  /**
   * The model as plain weights ({@link SeqRecFile}), what {@link #save} writes and the reason job
   * reads.
   *
   * @param trainedWith how it was trained, for people reading the file
   */
  public SeqRecFile toFile(String trainedWith) {
    Map<String, SeqRecFile.Tensor> w = new java.util.TreeMap<>();
    for (Map.Entry<String, INDArray> e : weights().entrySet()) {
      w.put(
          e.getKey(),
          new SeqRecFile.Tensor(e.getValue().shape(), e.getValue().reshape(-1).toFloatVector()));
    }
    SeqRecSettings s = net.s;
    return new SeqRecFile(s.dim(), s.blocks(), s.maxLength(), trainedWith, itemIds, w);
  }

  /** Writes item ids and weights to {@code file} (replaced atomically), see {@link SeqRecFile}. */
  public void save(Path file) throws IOException {
    toFile(net.s.toString()).write(file);
  }

  /**
   * Reads a model {@link #save} (or the feature job) wrote, into a graph that can train on. The
   * file keeps only the network's sizes: the training settings are {@code training}'s.
   *
   * @throws IOException if the file is unreadable, not a model file, or of another format version
   */
  public static SeqRecModel load(Path file, SeqRecSettings training) throws IOException {
    NativeLibraries.load();
    SeqRecFile f = SeqRecFile.read(file);
    SeqRecSettings s =
        new SeqRecSettings(
            f.dim(),
            f.blocks(),
            f.maxLength(),
            training.dropout(),
            training.learningRate(),
            training.epochs(),
            training.batchTokens(),
            training.negatives(),
            training.seed(),
            training.maxTrainSeconds());
    Map<String, INDArray> w = new HashMap<>();
    for (Map.Entry<String, SeqRecFile.Tensor> e : f.weights().entrySet()) {
      w.put(e.getKey(), Nd4j.create(e.getValue().data(), e.getValue().shape(), DataType.FLOAT));
    }
    SeqRecModel m = new SeqRecModel(SeqRecNetwork.build(f.itemIds().size(), s), f.itemIds());
    if (w.size() != m.weights().size()) {
      throw new IOException(
          file + " holds " + w.size() + " weights, the model has " + m.weights().size());
    }
    try {
      m.setWeights(w);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is corrupt: " + e.getMessage(), e);
    }
    return m;
  }
}
