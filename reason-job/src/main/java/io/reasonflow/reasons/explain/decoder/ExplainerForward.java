package io.reasonflow.reasons.explain.decoder;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The trained network's inference in plain Java: what decoding runs on. DL4J spends milliseconds of
 * bookkeeping per {@code rnnTimeStep} call (measured: 4-5 ms a step for one sentence on this
 * machine, 55 ms a sentence), far more than the arithmetic, so a single request could not meet 10
 * ms. Here the work per step is the recurrent product and the output product ({@link RowProducts},
 * for any number of sentences in lock-step), with everything that does not change within a sentence
 * computed once: each token's contribution to the LSTM gates (a table over the vocabulary), and the
 * condition's (per sentence).
 *
 * <p>The arithmetic is DL4J's LSTM (no peepholes; gate blocks in DL4J's order: block input, forget,
 * output, input gate; cell {@code c = f*c + g*a}, output {@code h = o*tanh(c)}); a test checks that
 * it gives the network's own probabilities. Greedy decoding needs no softmax: the arg-max of the
 * logits is the arg-max of the probabilities. A sentence's numbers do not depend on which other
 * sentences share its step ({@link RowProducts}).
 */
final class ExplainerForward {
  private final int hidden;
  private final int vocab;

  /** 4 x hidden, and padded to {@link RowProducts#COLUMN_ALIGN}. */
  private final int gates;

  private final int gatesPadded;
  private final int vocabPadded;

  /** Per token: its embedding's contribution to the 4H gate pre-activations. */
  private final float[][] tokenGates;

  /** Condition input row i -> its contribution to the condition embedding (pre-activation). */
  private final float[][] condIn;

  private final float[] condBias;
  private final IActivation condActivation;
  private final boolean condTanh;

  /** Condition embedding unit k -> its contribution to the gates. */
  private final float[][] condGates;

  private final float[] lstmBias;

  /** The recurrent weights, hidden x gatesPadded, row-major: [k][j] = h_k's weight in gate j. */
  private final float[] recurrent;

  /** The output weights, hidden x vocabPadded, row-major: [k][v] = h_k's weight in token v. */
  private final float[] out;

  /** The output bias, vocabPadded long (0 in the padding). */
  private final float[] outBias;

  ExplainerForward(ComputationGraph net) {
    Layer embed = net.getLayer("embed");
    Layer dense = net.getLayer("condEmbed");
    Layer lstm = net.getLayer("lstm");
    Layer output = net.getLayer("out");
    INDArray embW = embed.getParam("W");
    int e = (int) embW.columns();
    INDArray emb = embW.dup();
    Map<String, INDArray> ep = embed.paramTable();
    if (ep.containsKey("b")) {
      emb.addiRowVector(ep.get("b"));
    }
    emb = activation(embed).getActivation(emb, false);
    INDArray lstmW = lstm.getParam("W");
    hidden = (int) lstm.getParam("RW").rows();
    vocab = (int) embW.rows();
    gates = 4 * hidden;
    gatesPadded = RowProducts.padded(gates);
    vocabPadded = RowProducts.padded(vocab);
    tokenGates =
        emb.mmul(lstmW.get(NDArrayIndex.interval(0, e), NDArrayIndex.all())).toFloatMatrix();
    condGates =
        lstmW.get(NDArrayIndex.interval(e, lstmW.rows()), NDArrayIndex.all()).dup().toFloatMatrix();
    condIn = dense.getParam("W").toFloatMatrix();
    condBias = dense.getParam("b").toFloatVector();
    condActivation = activation(dense);
    condTanh = condActivation instanceof org.nd4j.linalg.activations.impl.ActivationTanH;
    lstmBias = lstm.getParam("b").toFloatVector();
    recurrent = packed(lstm.getParam("RW").toFloatMatrix(), gatesPadded);
    out = packed(output.getParam("W").toFloatMatrix(), vocabPadded);
    outBias = java.util.Arrays.copyOf(output.getParam("b").toFloatVector(), vocabPadded);
  }

  /** Rows of {@code m} laid end to end, each padded with zeros to {@code width}. */
  private static float[] packed(float[][] m, int width) {
    float[] p = new float[m.length * width];
    for (int k = 0; k < m.length; k++) {
      System.arraycopy(m[k], 0, p, k * width, m[k].length);
    }
    return p;
  }

  private static IActivation activation(Layer layer) {
    return ((BaseLayer) layer.conf().getLayer()).getActivationFn();
  }

  int vocabulary() {
    return vocab;
  }

  /** One sentence's recurrent state, and the logits of its last step. */
  final class State {
    private final float[] base = new float[gates];
    private final float[] h = new float[hidden];
    private final float[] c = new float[hidden];
    private final float[] z = new float[gatesPadded];
    private final float[] logits = new float[vocabPadded];

    /** Starts a sentence with condition vector {@code x} (the encoder's floats). */
    State(float[] x, int offset, int length) {
      float[] pre = condBias.clone();
      for (int i = 0; i < length; i++) {
        float xi = x[offset + i];
        if (xi != 0) {
          float[] row = condIn[i];
          for (int k = 0; k < pre.length; k++) {
            pre[k] += xi * row[k];
          }
        }
      }
      float[] cond;
      if (condTanh) {
        // in Java: an ND4J call per sentence costs more than the arithmetic (JNI, allocation)
        cond = pre;
        for (int k = 0; k < cond.length; k++) {
          cond[k] = (float) Math.tanh(pre[k]);
        }
      } else {
        cond =
            condActivation
                .getActivation(org.nd4j.linalg.factory.Nd4j.create(pre, 1, pre.length), false)
                .toFloatVector();
      }
      System.arraycopy(lstmBias, 0, base, 0, base.length);
      for (int k = 0; k < cond.length; k++) {
        float ck = cond[k];
        float[] row = condGates[k];
        for (int j = 0; j < base.length; j++) {
          base[j] += ck * row[j];
        }
      }
    }

    /** A copy of {@code from}'s recurrent state (a beam's child continues its parent). */
    State(State from) {
      System.arraycopy(from.base, 0, base, 0, base.length);
      System.arraycopy(from.h, 0, h, 0, h.length);
      System.arraycopy(from.c, 0, c, 0, c.length);
    }

    /**
     * The logits of the token after the last one fed: the first {@link #vocabulary()} entries (the
     * rest is padding). Overwritten by the next step.
     */
    float[] logits() {
      return logits;
    }

    /** Feeds {@code token} and writes the next token's logits into {@code logits}. */
    void step(int token, float[] logits) {
      ExplainerForward.this.step(new State[] {this}, new int[] {token}, 1);
      System.arraycopy(this.logits, 0, logits, 0, vocab);
    }
  }

  /**
   * Feeds {@code tokens[i]} to {@code states[i]} for {@code i < n}, all in one pass over the
   * weights; each state's {@link State#logits()} then holds its next token's logits.
   */
  void step(State[] states, int[] tokens, int n) {
    float[][] hs = new float[n][];
    float[][] zs = new float[n][];
    float[][] ls = new float[n][];
    for (int b = 0; b < n; b++) {
      State s = states[b];
      float[] t = tokenGates[tokens[b]];
      for (int j = 0; j < gates; j++) {
        s.z[j] = s.base[j] + t[j];
      }
      hs[b] = s.h;
      zs[b] = s.z;
      ls[b] = s.logits;
    }
    RowProducts.multiplyAdd(hs, n, hidden, recurrent, gatesPadded, zs);
    for (int b = 0; b < n; b++) {
      State s = states[b];
      float[] z = s.z;
      float[] c = s.c;
      float[] h = s.h;
      for (int k = 0; k < hidden; k++) {
        float a = (float) Math.tanh(z[k]);
        float f = sigmoid(z[hidden + k]);
        float o = sigmoid(z[2 * hidden + k]);
        float g = sigmoid(z[3 * hidden + k]);
        c[k] = f * c[k] + g * a;
        h[k] = o * (float) Math.tanh(c[k]);
      }
      System.arraycopy(outBias, 0, s.logits, 0, vocabPadded);
    }
    RowProducts.multiplyAdd(hs, n, hidden, out, vocabPadded, ls);
  }

  private static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }
}
