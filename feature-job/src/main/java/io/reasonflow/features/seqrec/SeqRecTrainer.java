package io.reasonflow.features.seqrec;

import io.reasonflow.common.NativeLibraries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Trains {@link SeqRecModel} on ordered per-shopper item sequences: every position predicts the
 * next item with full softmax cross-entropy over the catalogue (no negative sampling; on sparse
 * catalogues such as Beauty this loss is what lifts SASRec-style models above their published,
 * sampled-loss figures).
 *
 * <p>Sequences are packed by length: shuffled, stably sorted by length, cut into batches of about
 * {@link SeqRecSettings#batchTokens()} positions, whose order is shuffled every epoch. A batch is
 * then padded only to its own longest row, and padded positions never reach the softmax.
 */
public final class SeqRecTrainer {
  private SeqRecTrainer() {}

  /**
   * One epoch's figures.
   *
   * @param loss mean cross-entropy per training position
   * @param validation what the validation function returned after the epoch (NaN without one)
   * @param millis the epoch's training time (validation excluded)
   */
  public record Epoch(int epoch, double loss, double validation, long millis) {}

  /**
   * The trained model and how training went.
   *
   * @param bestEpoch the epoch whose weights the model holds (the best on validation, or the last
   *     without one)
   * @param stoppedByBudget true when {@link SeqRecSettings#maxTrainSeconds()} ended training before
   *     {@link SeqRecSettings#epochs()}
   */
  public record Result(
      SeqRecModel model,
      List<Epoch> epochs,
      int bestEpoch,
      long trainMillis,
      boolean stoppedByBudget) {}

  /**
   * @param sequences item indices into {@code itemIds}, oldest first, one per shopper (shorter than
   *     2: no target, skipped)
   * @param validation scores a model after each epoch, higher is better; the best epoch's weights
   *     are kept. Null: keep the last epoch.
   * @param progress one line per epoch (and a few within it) with the rate and an ETA
   */
  public static Result train(
      List<int[]> sequences,
      List<String> itemIds,
      SeqRecSettings s,
      ToDoubleFunction<SeqRecModel> validation,
      Consumer<String> progress) {
    // also pins ND4J's class loader to a live one (SameDiff's gradient failed after a local job)
    NativeLibraries.load();
    int n = itemIds.size();
    List<int[]> usable = new ArrayList<>();
    long positions = 0;
    for (int[] seq : sequences) {
      for (int i : seq) {
        if (i < 0 || i >= n) {
          throw new IllegalArgumentException("item index " + i + " outside [0, " + n + ")");
        }
      }
      if (seq.length >= 2) {
        int[] kept =
            Arrays.copyOfRange(seq, Math.max(0, seq.length - s.maxLength() - 1), seq.length);
        usable.add(kept);
        positions += kept.length - 1;
      }
    }
    long start = System.currentTimeMillis();
    SeqRecModel model = new SeqRecModel(SeqRecNetwork.build(n, s), itemIds);
    SeqRecNetwork net = model.network();
    List<String> names = net.variableNames();
    List<String> wanted = new ArrayList<>(names);
    wanted.add(SeqRecNetwork.X0);
    wanted.add(SeqRecNetwork.OUT);
    Adam adam = new Adam(net, names, s.learningRate());
    Random rnd = new Random(s.seed());
    List<Epoch> epochs = new ArrayList<>();
    Map<String, INDArray> best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int bestEpoch = s.epochs();
    long trainMillis = 0;
    boolean stoppedByBudget = false;
    for (int e = 1; e <= s.epochs(); e++) {
      long t0 = System.currentTimeMillis();
      // the budget counts validation too (it is part of what training costs here); an epoch
      // starts only if, at the mean epoch so far, it would end within the budget
      long spent = t0 - start;
      if (s.maxTrainSeconds() > 0
          && e > 1
          && spent + spent / (e - 1) > s.maxTrainSeconds() * 1000L) {
        stoppedByBudget = true;
        progress.accept(
            String.format(
                "seqrec: stopping after epoch %d of %d: another would end past the %d s budget "
                    + "(features.seqrec.max-train-seconds; %.0f s spent)",
                e - 1, s.epochs(), s.maxTrainSeconds(), spent / 1000.0));
        bestEpoch = Math.min(bestEpoch, e - 1);
        break;
      }
      List<int[][]> batches = pack(usable, s.batchTokens(), rnd);
      double lossSum = 0;
      long done = 0;
      long nextReport = t0 + 30_000;
      for (int[][] batch : batches) {
        long m = 0;
        for (int[] seq : batch) {
          m += seq.length - 1;
        }
        double loss = step(net, batch, wanted, adam, rnd);
        lossSum += loss * m;
        done += m;
        long now = System.currentTimeMillis();
        if (now >= nextReport) {
          nextReport = now + 30_000;
          double rate = done * 1000.0 / Math.max(1, now - t0);
          progress.accept(
              String.format(
                  "seqrec epoch %d/%d: %,d/%,d positions, %,.0f positions/s, loss %.4f, "
                      + "epoch ETA %.0f s",
                  e, s.epochs(), done, positions, rate, lossSum / done, (positions - done) / rate));
        }
      }
      model.weightsChanged();
      long millis = System.currentTimeMillis() - t0;
      trainMillis += millis;
      double v = validation == null ? Double.NaN : validation.applyAsDouble(model);
      epochs.add(new Epoch(e, lossSum / Math.max(1, done), v, millis));
      if (validation != null && v > bestScore) {
        bestScore = v;
        bestEpoch = e;
        best = model.weights();
      }
      double perEpoch = trainMillis / (double) e;
      progress.accept(
          String.format(
              "seqrec epoch %d/%d: loss %.4f, validation %.4f, %.1f s, %,.0f positions/s, "
                  + "ETA %.0f s",
              e,
              s.epochs(),
              lossSum / Math.max(1, done),
              v,
              millis / 1000.0,
              positions * 1000.0 / Math.max(1, millis),
              perEpoch * (s.epochs() - e) / 1000.0));
    }
    if (best != null) {
      model.setWeights(best);
    }
    return new Result(
        model, List.copyOf(epochs), bestEpoch, System.currentTimeMillis() - start, stoppedByBudget);
  }

  /**
   * Batches of whole sequences with about {@code batchTokens} positions each, similar lengths
   * together.
   */
  static List<int[][]> pack(List<int[]> sequences, int batchTokens, Random rnd) {
    List<int[]> order = new ArrayList<>(sequences);
    java.util.Collections.shuffle(order, rnd);
    order.sort(Comparator.comparingInt(a -> a.length));
    List<int[][]> batches = new ArrayList<>();
    List<int[]> cur = new ArrayList<>();
    for (int[] seq : order) {
      // rows are padded to the longest (the last, sorted) row: count the padded size
      if (!cur.isEmpty() && (long) (cur.size() + 1) * (seq.length - 1) > batchTokens) {
        batches.add(cur.toArray(new int[0][]));
        cur.clear();
      }
      cur.add(seq);
    }
    if (!cur.isEmpty()) {
      batches.add(cur.toArray(new int[0][]));
    }
    java.util.Collections.shuffle(batches, rnd);
    return batches;
  }

  /** One gradient step on a batch; returns its mean loss per target. */
  private static double step(
      SeqRecNetwork net, int[][] batch, List<String> wanted, Adam adam, Random rnd) {
    int[][] inputs = new int[batch.length][];
    int count = 0;
    for (int b = 0; b < batch.length; b++) {
      inputs[b] = Arrays.copyOf(batch[b], batch[b].length - 1);
      count += inputs[b].length;
    }
    int n = net.items;
    // softmax candidates (embedding rows, item + 1): every item, or the batch's targets plus
    // sampled others
    int[] cands;
    int[] row = new int[n + 1];
    if (net.s.negatives() == 0 || net.s.negatives() >= n) {
      cands = new int[n];
      for (int i = 0; i < n; i++) {
        cands[i] = i + 1;
        row[i + 1] = i;
      }
    } else {
      Arrays.fill(row, -1);
      List<Integer> c = new ArrayList<>();
      for (int[] seq : batch) {
        for (int t = 1; t < seq.length; t++) {
          if (row[seq[t] + 1] < 0) {
            row[seq[t] + 1] = c.size();
            c.add(seq[t] + 1);
          }
        }
      }
      int want = Math.min(n, c.size() + net.s.negatives());
      while (c.size() < want) {
        int item = 1 + rnd.nextInt(n);
        if (row[item] < 0) {
          row[item] = c.size();
          c.add(item);
        }
      }
      cands = c.stream().mapToInt(Integer::intValue).toArray();
    }
    int l = SeqRecNetwork.width(inputs);
    int[] labels = new int[batch.length * l];
    float[] weight = new float[batch.length * l];
    for (int b = 0; b < batch.length; b++) {
      for (int t = 0; t < inputs[b].length; t++) {
        labels[b * l + t] = row[batch[b][t + 1] + 1];
        weight[b * l + t] = 1f / count;
      }
    }
    INDArray flat = Nd4j.createFromArray(SeqRecNetwork.flatten(inputs, l));
    INDArray candIndex = Nd4j.createFromArray(cands);
    Map<String, INDArray> feed = net.feed(inputs, l, flat, true);
    feed.put(SeqRecNetwork.OUT, SeqRecNetwork.rows(net.emb, cands));
    feed.put("labels", Nd4j.createFromArray(labels));
    feed.put("weight", Nd4j.createFromArray(weight));
    OutAndGrad r = net.sd.calculateGradientsAndOutputs(feed, List.of(SeqRecNetwork.LOSS), wanted);
    Map<String, INDArray> grads = new java.util.HashMap<>(r.getGradients());
    // the embedding rows were read outside the graph: their gradients go back to the rows they came
    // from
    INDArray embGrad = Nd4j.zerosLike(net.emb);
    embGrad = scatterAdd(embGrad, flat, grads.get(SeqRecNetwork.X0));
    embGrad = scatterAdd(embGrad, candIndex, grads.get(SeqRecNetwork.OUT));
    grads.put(SeqRecModel.EMB, embGrad);
    adam.step(grads);
    return r.getOutputs().get(SeqRecNetwork.LOSS).getDouble(0);
  }

  private static INDArray scatterAdd(INDArray ref, INDArray indices, INDArray updates) {
    return Nd4j.exec(new ScatterAdd(ref, indices, updates))[0];
  }

  /** Adam (Kingma and Ba) over the graph's trainable arrays, updated in place. */
  private static final class Adam {
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-8;
    private final Map<String, INDArray> params = new java.util.LinkedHashMap<>();
    private final Map<String, INDArray> m = new java.util.HashMap<>();
    private final Map<String, INDArray> v = new java.util.HashMap<>();
    private final double lr;
    private int t;

    Adam(SeqRecNetwork net, List<String> names, double lr) {
      this.lr = lr;
      params.put(SeqRecModel.EMB, net.emb);
      m.put(SeqRecModel.EMB, Nd4j.zerosLike(net.emb));
      v.put(SeqRecModel.EMB, Nd4j.zerosLike(net.emb));
      for (String n : names) {
        INDArray p = net.sd.getVariable(n).getArr();
        params.put(n, p);
        m.put(n, Nd4j.zerosLike(p));
        v.put(n, Nd4j.zerosLike(p));
      }
    }

    void step(Map<String, INDArray> grads) {
      t++;
      double alpha = lr * Math.sqrt(1 - Math.pow(B2, t)) / (1 - Math.pow(B1, t));
      for (Map.Entry<String, INDArray> e : params.entrySet()) {
        INDArray g = grads.get(e.getKey());
        if (g == null) {
          continue;
        }
        INDArray mi = m.get(e.getKey()).muli(B1).addi(g.mul(1 - B1));
        INDArray vi = v.get(e.getKey()).muli(B2).addi(g.mul(g).muli(1 - B2));
        e.getValue().subi(mi.div(Transforms.sqrt(vi, true).addi(EPS)).muli(alpha));
      }
    }
  }
}
