package io.reasonflow.features.core;

import java.util.List;

/**
 * A linear map {@code y = W x + b} between two vector spaces, fitted by ridge least squares: {@code
 * W = argmin sum_i |W x_i + b - y_i|^2 + lambda |W|^2}, the bias unpenalised (inputs and targets
 * are centred and {@code b} restores the means, so a huge lambda maps everything to the targets'
 * mean).
 *
 * <p>Inputs are {@link Features}: sparse rows, because the content map's inputs are a bag of title
 * words (thousands of columns, a dozen non-zero per title) next to a few dense word-vector columns.
 * The normal equations {@code (Xc'Xc + lambda I) W' = Xc'Yc} are solved for all output columns at
 * once by conjugate gradients with a diagonal (Jacobi) preconditioner; {@code Xc} (X centred) is
 * never formed, which keeps it sparse: {@code Xc v = X v - 1 (mu'v)}. Each iteration costs two
 * passes over the non-zeros, and the centring and preconditioner keep the iteration count low
 * (tens) even when rare words make the columns' scales differ by orders of magnitude.
 */
public final class LinearMap {
  private static final int MAX_ITERATIONS = 500;
  private static final double TOLERANCE = 1e-6;

  /** One sparse input row: {@code value[k]} at column {@code index[k]}; indices distinct. */
  public record Features(int[] index, float[] value) {
    public Features {
      if (index.length != value.length) {
        throw new IllegalArgumentException("index and value differ in length");
      }
    }

    public static Features dense(float[] x) {
      int[] idx = new int[x.length];
      for (int k = 0; k < x.length; k++) {
        idx[k] = k;
      }
      return new Features(idx, x.clone());
    }
  }

  /**
   * A fitted map as plain arrays, to ship it: {@code wt} is W transposed, {@code inputDim x
   * outputDim}, row after row; {@code b} the bias.
   */
  public record Weights(int inputDim, double[] wt, double[] b) {
    public Weights {
      if (inputDim < 0 || wt.length != (long) inputDim * b.length) {
        throw new IllegalArgumentException(
            "weights of "
                + inputDim
                + " x "
                + b.length
                + " need "
                + (long) inputDim * b.length
                + " values, got "
                + wt.length);
      }
    }
  }

  private final double[][]
      wt; // [in][out]: W transposed, so applying a sparse row reads contiguous memory
  private final double[] b;
  private final int iterations;

  private LinearMap(double[][] wt, double[] b, int iterations) {
    this.wt = wt;
    this.b = b;
    this.iterations = iterations;
  }

  public int inputDim() {
    return wt.length;
  }

  public int outputDim() {
    return b.length;
  }

  /** The map as plain arrays ({@link #of} rebuilds it, exactly). */
  public Weights weights() {
    int q = b.length;
    double[] flat = new double[wt.length * q];
    for (int k = 0; k < wt.length; k++) {
      System.arraycopy(wt[k], 0, flat, k * q, q);
    }
    return new Weights(wt.length, flat, b.clone());
  }

  /** The map {@link #weights()} gave. */
  public static LinearMap of(Weights w) {
    int q = w.b().length;
    double[][] rows = new double[w.inputDim()][];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = java.util.Arrays.copyOfRange(w.wt(), k * q, (k + 1) * q);
    }
    return new LinearMap(rows, w.b().clone(), 0);
  }

  /** Conjugate-gradient iterations the fit took (0 for a map rebuilt by {@link #of}). */
  public int iterations() {
    return iterations;
  }

  /** Fits on dense rows. */
  public static LinearMap fit(float[][] xs, float[][] ys, double lambda) {
    return fit(
        java.util.Arrays.stream(xs).map(Features::dense).toList(),
        ys,
        xs.length == 0 ? 0 : xs[0].length,
        lambda);
  }

  /**
   * Fits the map on pairs {@code (xs[i], ys[i])}.
   *
   * @param inputDim number of input columns (every index is below it)
   * @param lambda ridge penalty, in the units of the centred inputs' sum of squares; positive, so
   *     the system is solvable even with fewer pairs than columns
   */
  public static LinearMap fit(List<Features> xs, float[][] ys, int inputDim, double lambda) {
    int n = xs.size();
    if (n == 0 || n != ys.length) {
      throw new IllegalArgumentException(
          "need the same positive number of inputs and targets, got " + n + " and " + ys.length);
    }
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be positive, got " + lambda);
    }
    int p = inputDim;
    int q = ys[0].length;
    double[] mu = new double[p];
    double[] sq = new double[p];
    for (Features f : xs) {
      for (int k = 0; k < f.index().length; k++) {
        mu[f.index()[k]] += f.value()[k];
        sq[f.index()[k]] += (double) f.value()[k] * f.value()[k];
      }
    }
    double[] my = new double[q];
    for (float[] y : ys) {
      if (y.length != q) {
        throw new IllegalArgumentException("targets differ in length: " + y.length + " vs " + q);
      }
      for (int s = 0; s < q; s++) {
        my[s] += y[s];
      }
    }
    double[] precond = new double[p];
    for (int k = 0; k < p; k++) {
      mu[k] /= n;
      precond[k] = 1 / (sq[k] - n * mu[k] * mu[k] + lambda);
    }
    for (int s = 0; s < q; s++) {
      my[s] /= n;
    }
    // right-hand side Xc'Yc (Xc'1 = 0, so centring Y changes nothing once X is centred: Xc'Y =
    // Xc'Yc)
    double[][] yc = new double[n][q];
    for (int i = 0; i < n; i++) {
      for (int s = 0; s < q; s++) {
        yc[i][s] = ys[i][s] - my[s];
      }
    }
    double[][] rhs = transposeTimes(xs, mu, yc, p, q);

    double[][] w = new double[p][q];
    double[][] r = copy(rhs);
    double[][] z = scaleRows(r, precond);
    double[][] d = copy(z);
    double[] rz = columnDots(r, z, q);
    double[] rhsNorm = columnDots(rhs, rhs, q);
    int it = 0;
    for (; it < MAX_ITERATIONS; it++) {
      boolean done = true;
      double[] rr = columnDots(r, r, q);
      for (int s = 0; s < q; s++) {
        if (rr[s] > TOLERANCE * TOLERANCE * Math.max(rhsNorm[s], 1e-300)) {
          done = false;
        }
      }
      if (done) {
        break;
      }
      double[][] ad = normalTimes(xs, mu, d, lambda, p, q);
      double[] dad = columnDots(d, ad, q);
      double[] alpha = new double[q];
      for (int s = 0; s < q; s++) {
        alpha[s] = dad[s] > 0 ? rz[s] / dad[s] : 0;
      }
      for (int k = 0; k < p; k++) {
        for (int s = 0; s < q; s++) {
          w[k][s] += alpha[s] * d[k][s];
          r[k][s] -= alpha[s] * ad[k][s];
        }
      }
      z = scaleRows(r, precond);
      double[] rzNew = columnDots(r, z, q);
      for (int k = 0; k < p; k++) {
        for (int s = 0; s < q; s++) {
          double beta = rz[s] > 0 ? rzNew[s] / rz[s] : 0;
          d[k][s] = z[k][s] + beta * d[k][s];
        }
      }
      rz = rzNew;
    }
    double[] b = my.clone();
    for (int k = 0; k < p; k++) {
      for (int s = 0; s < q; s++) {
        b[s] -= w[k][s] * mu[k];
      }
    }
    return new LinearMap(w, b, it);
  }

  public float[] apply(float[] x) {
    return apply(Features.dense(x));
  }

  public float[] apply(Features x) {
    double[] acc = b.clone();
    for (int k = 0; k < x.index().length; k++) {
      int col = x.index()[k];
      if (col >= wt.length) {
        continue; // a column the map never saw has weight 0
      }
      double v = x.value()[k];
      double[] row = wt[col];
      for (int s = 0; s < acc.length; s++) {
        acc[s] += v * row[s];
      }
    }
    float[] out = new float[acc.length];
    for (int s = 0; s < acc.length; s++) {
      out[s] = (float) acc[s];
    }
    return out;
  }

  /** Xc' u for u (n x q). */
  private static double[][] transposeTimes(
      List<Features> xs, double[] mu, double[][] u, int p, int q) {
    double[][] out = new double[p][q];
    double[] colSum = new double[q];
    for (int i = 0; i < xs.size(); i++) {
      Features f = xs.get(i);
      double[] ui = u[i];
      for (int k = 0; k < f.index().length; k++) {
        double v = f.value()[k];
        double[] o = out[f.index()[k]];
        for (int s = 0; s < q; s++) {
          o[s] += v * ui[s];
        }
      }
      for (int s = 0; s < q; s++) {
        colSum[s] += ui[s];
      }
    }
    for (int k = 0; k < p; k++) {
      if (mu[k] != 0) {
        for (int s = 0; s < q; s++) {
          out[k][s] -= mu[k] * colSum[s];
        }
      }
    }
    return out;
  }

  /** (Xc'Xc + lambda I) v for v (p x q). */
  private static double[][] normalTimes(
      List<Features> xs, double[] mu, double[][] v, double lambda, int p, int q) {
    double[] muV = new double[q];
    for (int k = 0; k < p; k++) {
      if (mu[k] != 0) {
        for (int s = 0; s < q; s++) {
          muV[s] += mu[k] * v[k][s];
        }
      }
    }
    double[][] xv = new double[xs.size()][q];
    for (int i = 0; i < xs.size(); i++) {
      Features f = xs.get(i);
      double[] row = xv[i];
      for (int k = 0; k < f.index().length; k++) {
        double x = f.value()[k];
        double[] vk = v[f.index()[k]];
        for (int s = 0; s < q; s++) {
          row[s] += x * vk[s];
        }
      }
      for (int s = 0; s < q; s++) {
        row[s] -= muV[s];
      }
    }
    double[][] out = transposeTimes(xs, mu, xv, p, q);
    for (int k = 0; k < p; k++) {
      for (int s = 0; s < q; s++) {
        out[k][s] += lambda * v[k][s];
      }
    }
    return out;
  }

  private static double[] columnDots(double[][] a, double[][] b, int q) {
    double[] out = new double[q];
    for (int k = 0; k < a.length; k++) {
      for (int s = 0; s < q; s++) {
        out[s] += a[k][s] * b[k][s];
      }
    }
    return out;
  }

  private static double[][] scaleRows(double[][] a, double[] scale) {
    double[][] out = new double[a.length][];
    for (int k = 0; k < a.length; k++) {
      out[k] = a[k].clone();
      for (int s = 0; s < out[k].length; s++) {
        out[k][s] *= scale[k];
      }
    }
    return out;
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int k = 0; k < a.length; k++) {
      out[k] = a[k].clone();
    }
    return out;
  }
}
