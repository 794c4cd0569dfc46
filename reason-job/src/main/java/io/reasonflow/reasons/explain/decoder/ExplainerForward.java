package io.reasonflow.reasons.explain.decoder;

import java.util.Map;
import org.apache.lucene.util.VectorUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The trained network's inference in plain Java, one sentence at a time: what decoding runs on.
 * DL4J spends milliseconds of bookkeeping per {@code rnnTimeStep} call (measured: 4-5 ms a step for
 * one sentence on this machine, 55 ms a sentence), far more than the arithmetic, so a single
 * request could not meet 10 ms. Here the work per step is the recurrent product and the output
 * product (Lucene's SIMD dot products), with everything that does not change within a sentence
 * computed once: each token's contribution to the LSTM gates (a table over the vocabulary), and the
 * condition's (per sentence).
 *
 * <p>The arithmetic is DL4J's LSTM (no peepholes; gate blocks in DL4J's order: block input, forget,
 * output, input gate; cell {@code c = f*c + g*a}, output {@code h = o*tanh(c)}); a test checks that
 * it gives the network's own probabilities. Greedy decoding needs no softmax: the arg-max of the
 * logits is the arg-max of the probabilities.
 */
final class ExplainerForward {
  private final int hidden;
  private final int vocab;

  /** Per token: its embedding's contribution to the 4H gate pre-activations. */
  private final float[][] tokenGates;

  /** Condition input row i -> its contribution to the condition embedding (pre-activation). */
  private final float[][] condIn;

  private final float[] condBias;
  private final IActivation condActivation;

  /** Condition embedding unit k -> its contribution to the gates. */
  private final float[][] condGates;

  private final float[] lstmBias;

  /** Gate j's recurrent weights over h. */
  private final float[][] recurrent;

  /** Token v's output weights over h. */
  private final float[][] out;

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
    tokenGates =
        emb.mmul(lstmW.get(NDArrayIndex.interval(0, e), NDArrayIndex.all())).toFloatMatrix();
    condGates =
        lstmW.get(NDArrayIndex.interval(e, lstmW.rows()), NDArrayIndex.all()).dup().toFloatMatrix();
    condIn = dense.getParam("W").toFloatMatrix();
    condBias = dense.getParam("b").toFloatVector();
    condActivation = activation(dense);
    lstmBias = lstm.getParam("b").toFloatVector();
    recurrent = lstm.getParam("RW").transpose().dup().toFloatMatrix();
    out = output.getParam("W").transpose().dup().toFloatMatrix();
    outBias = output.getParam("b").toFloatVector();
  }

  private static IActivation activation(Layer layer) {
    return ((BaseLayer) layer.conf().getLayer()).getActivationFn();
  }

  int vocabulary() {
    return vocab;
  }

  /** One sentence's recurrent state. */
  final class State {
    private final float[] base = new float[4 * hidden];
    private final float[] h = new float[hidden];
    private final float[] c = new float[hidden];
    private final float[] z = new float[4 * hidden];

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
      float[] cond =
          condActivation
              .getActivation(org.nd4j.linalg.factory.Nd4j.create(pre, 1, pre.length), false)
              .toFloatVector();
      System.arraycopy(lstmBias, 0, base, 0, base.length);
      for (int k = 0; k < cond.length; k++) {
        float ck = cond[k];
        float[] row = condGates[k];
        for (int j = 0; j < base.length; j++) {
          base[j] += ck * row[j];
        }
      }
    }

    /** Feeds {@code token} and writes the next token's logits into {@code logits}. */
    void step(int token, float[] logits) {
      float[] t = tokenGates[token];
      for (int j = 0; j < z.length; j++) {
        z[j] = base[j] + t[j] + VectorUtil.dotProduct(h, recurrent[j]);
      }
      for (int k = 0; k < hidden; k++) {
        float a = (float) Math.tanh(z[k]);
        float f = sigmoid(z[hidden + k]);
        float o = sigmoid(z[2 * hidden + k]);
        float g = sigmoid(z[3 * hidden + k]);
        c[k] = f * c[k] + g * a;
        h[k] = o * (float) Math.tanh(c[k]);
      }
      for (int v = 0; v < vocab; v++) {
        logits[v] = VectorUtil.dotProduct(h, out[v]) + outBias[v];
      }
    }
  }

  private static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-x)));
  }
}
