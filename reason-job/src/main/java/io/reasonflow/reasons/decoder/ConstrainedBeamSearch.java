package io.reasonflow.reasons.decoder;

import io.reasonflow.reasons.realise.Slot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batched beam search over a {@link DecoderModel} under hard constraints. A whole batch of evidence
 * is decoded together: every step is one forward pass ({@code rnnTimeStep}) over {@code batch x
 * beamWidth} rows, after which the LSTM state rows are re-gathered to follow the surviving beams.
 *
 * <p>Constraints, applied as masks before the beams are ranked, so no beam can break them:
 *
 * <ul>
 *   <li>a slot token only when the evidence holds its value ({@link AnchorFacts#supports(Slot)}),
 *       and never twice;
 *   <li>a cue phrase only when what it asserts holds ({@link AnchorFacts#supports(Assertion)});
 *   <li>the end token only after {@code {ANCHOR}} (every reason names one of the shopper's items)
 *       and, with {@link DecodingSettings#requireEvidence()}, after the slots of the strongest
 *       evidence ({@link AnchorFacts#strongest()});
 *   <li>quotes and brackets balance (“”, (), （）, 《》): none closed that is not open, none open at
 *       the end;
 *   <li>no n-gram of {@link DecodingSettings#noRepeatNgram()} tokens twice (an undertrained LSTM
 *       stutters);
 *   <li>at most {@code maxTokens} tokens: a beam whose missing required slots and open quotes just
 *       fill the room left must write and close them, and at the bound it must end (such a beam is
 *       marked incomplete, and ranked after complete ones);
 *   <li>never the start or unknown token.
 * </ul>
 */
public final class ConstrainedBeamSearch {
  private final DecoderModel model;
  private final DecodingSettings settings;
  private final BeamMemo memo;
  private final int vocab;

  /** Per token id: the slot it is, or -1. */
  private final int[] slotOf;

  /** Per token id: the assertion it makes, or null. */
  private final Assertion[] cueOf;

  /** Per token id: +1 opens a quote or bracket, -1 closes one, 0 neither. */
  private final int[] bracket;

  private static final String OPENING = "“(（《";
  private static final String CLOSING = "”)）》";

  public ConstrainedBeamSearch(DecoderModel model, DecodingSettings settings) {
    this.model = model;
    this.settings = settings;
    this.memo = settings.memoise() ? new BeamMemo() : null;
    Vocabulary v = model.vocabulary();
    this.vocab = v.size();
    slotOf = new int[vocab];
    cueOf = new Assertion[vocab];
    bracket = new int[vocab];
    for (int i = 0; i < vocab; i++) {
      String tok = v.token(i);
      bracket[i] =
          tok.length() == 1 && OPENING.indexOf(tok.charAt(0)) >= 0
              ? 1
              : tok.length() == 1 && CLOSING.indexOf(tok.charAt(0)) >= 0 ? -1 : 0;
      Slot s = Tokeniser.slotOf(v.token(i));
      slotOf[i] = s == null ? -1 : s.ordinal();
      cueOf[i] = s == null ? model.tokeniser().cueOf(v.token(i)) : null;
    }
  }

  /**
   * For each evidence, its finished hypotheses, best first (at most the beam width, possibly none).
   */
  public List<List<Hypothesis>> decode(List<AnchorFacts> facts) {
    return memo == null ? decodeAll(facts) : memo.decode(facts, this::decodeAll);
  }

  /** The memo's hits and misses so far (both 0 when {@link DecodingSettings#memoise()} is off). */
  public BeamMemo.Stats memoStats() {
    return memo == null ? new BeamMemo.Stats(0, 0, 0) : memo.stats();
  }

  private List<List<Hypothesis>> decodeAll(List<AnchorFacts> facts) {
    List<List<Hypothesis>> out = new ArrayList<>(facts.size());
    for (int i = 0; i < facts.size(); i += MAX_BATCH) {
      List<AnchorFacts> chunk = facts.subList(i, Math.min(facts.size(), i + MAX_BATCH));
      synchronized (model) { // the network keeps the RNN state between steps
        out.addAll(run(chunk));
      }
    }
    return out;
  }

  /**
   * Evidence decoded together at most. Past a few hundred rows a step's matrices no longer fit the
   * cache and a batch only waits for its longest beam, so an evaluation's thousands of cases go
   * through in chunks.
   */
  static final int MAX_BATCH = 128;

  private List<List<Hypothesis>> run(List<AnchorFacts> facts) {
    int b = facts.size();
    int k = settings.beamWidth();
    int rows = b * k;
    List<List<Hypothesis>> finished = new ArrayList<>();
    for (int i = 0; i < b; i++) {
      finished.add(new ArrayList<>());
    }
    if (b == 0) {
      return finished;
    }
    Vocabulary v = model.vocabulary();
    float[][] cond = facts.stream().map(EvidenceFeatures::of).toArray(float[][]::new);
    boolean[][] allowedStatic = new boolean[b][vocab];
    int[] required =
        new int[b]; // bit per slot ordinal: what a beam must have written before it may end
    for (int e = 0; e < b; e++) {
      for (Slot s :
          settings.requireEvidence() ? facts.get(e).strongest() : java.util.Set.of(Slot.ANCHOR)) {
        required[e] |= 1 << s.ordinal();
      }
      for (int t = 0; t < vocab; t++) {
        allowedStatic[e][t] = staticallyAllowed(t, facts.get(e), v);
      }
    }
    int[] prev = new int[rows];
    Arrays.fill(prev, v.bos());
    double[] score = new double[rows];
    int[] used = new int[rows]; // bit per slot ordinal
    int[] open = new int[rows]; // quotes and brackets opened and not yet closed
    int[][] history = new int[rows][settings.maxTokens()];
    for (int r = 0; r < rows; r++) {
      score[r] = r % k == 0 ? 0 : Double.NEGATIVE_INFINITY; // all beams start as one
    }
    boolean[] done = new boolean[b];
    MultiLayerNetwork net = model.network();
    net.rnnClearPreviousState(); // a fresh sequence for every row
    int nIn = vocab + EvidenceFeatures.SIZE;
    for (int step = 0; step < settings.maxTokens(); step++) {
      float[] input = new float[rows * nIn];
      for (int r = 0; r < rows; r++) {
        input[r * nIn + prev[r]] = 1;
        System.arraycopy(cond[r / k], 0, input, r * nIn + vocab, EvidenceFeatures.SIZE);
      }
      float[][] probs =
          net.rnnTimeStep(Nd4j.create(input, new long[] {rows, nIn}, 'c')).toFloatMatrix();
      int[] source = new int[rows];
      int[] chosen = new int[rows];
      double[] nextScore = new double[rows];
      Arrays.fill(nextScore, Double.NEGATIVE_INFINITY);
      boolean last = step == settings.maxTokens() - 1;
      // tokens still to place before the end token the last step must be
      int room = settings.maxTokens() - 1 - step;
      for (int e = 0; e < b; e++) {
        if (done[e]) {
          continue;
        }
        // the best 2k extensions are enough: at most k of them can end, the other k carry on
        TopN top = new TopN(2 * k);
        for (int r = e * k; r < (e + 1) * k; r++) {
          if (score[r] == Double.NEGATIVE_INFINITY) {
            continue;
          }
          int missing = required[e] & ~used[r];
          // tokens this beam still owes: its missing slots and a closer per open quote or bracket.
          // A beam whose debt fills the room left may only pay it, and may open nothing it could
          // not close in time, so no beam is ever stranded with nothing it may write.
          int owed = Integer.bitCount(missing) + open[r];
          boolean due = owed >= room;
          int[] banned = bannedByRepeat(history[r], step);
          for (int t = 0; t < vocab; t++) {
            if (!allowedStatic[e][t]) {
              continue;
            }
            if (t == v.eos()
                ? missing != 0
                : last || slotOf[t] >= 0 && (used[r] & (1 << slotOf[t])) != 0) {
              continue;
            }
            // quotes and brackets balance: none closed that is not open, none left open at the end
            if (t == v.eos() ? open[r] > 0 : bracket[t] < 0 && open[r] == 0) {
              continue;
            }
            if (due
                && t != v.eos()
                && (slotOf[t] < 0 || (missing & (1 << slotOf[t])) == 0)
                && bracket[t] >= 0) {
              continue;
            }
            if (bracket[t] > 0 && owed + 2 > room) {
              continue;
            }
            if (!due && contains(banned, t)) {
              continue; // a beam paying its debt may repeat: blocking it there could strand it
            }
            top.offer(score[r] + Math.log(Math.max(probs[r][t], 1e-30)), r, t);
          }
        }
        List<double[]> cands = top.sorted();
        int filled = 0;
        for (double[] c : cands) {
          int r = (int) c[1];
          int t = (int) c[2];
          if (t == v.eos()) {
            if (finished.get(e).size() < k) {
              finished.get(e).add(hypothesis(history[r], step, c[0], v, !last));
            }
          } else if (filled < k) {
            int row = e * k + filled++;
            source[row] = r;
            chosen[row] = t;
            nextScore[row] = c[0];
          }
          if (filled == k && finished.get(e).size() >= k) {
            break;
          }
        }
        if (finished.get(e).size() >= k || filled == 0) {
          done[e] = true;
        }
      }
      // follow the surviving beams: rows take over the token history, used slots and LSTM state of
      // their source
      int[][] newHistory = new int[rows][];
      int[] newUsed = new int[rows];
      int[] newOpen = new int[rows];
      for (int r = 0; r < rows; r++) {
        newHistory[r] = history[source[r]].clone();
        newHistory[r][step] = chosen[r];
        newUsed[r] = used[source[r]] | (slotOf[chosen[r]] >= 0 ? 1 << slotOf[chosen[r]] : 0);
        newOpen[r] = open[source[r]] + bracket[chosen[r]];
        prev[r] = nextScore[r] == Double.NEGATIVE_INFINITY ? v.bos() : chosen[r];
      }
      history = newHistory;
      used = newUsed;
      open = newOpen;
      score = nextScore;
      regather(net, source);
      boolean allDone = true;
      for (boolean d : done) {
        allDone &= d;
      }
      if (allDone) {
        break;
      }
    }
    net.rnnClearPreviousState();
    for (List<Hypothesis> f : finished) {
      f.sort(
          Comparator.comparing((Hypothesis h) -> !h.complete())
              .thenComparing(Comparator.comparingDouble(Hypothesis::score).reversed()));
    }
    return finished;
  }

  /**
   * Tokens that would repeat an n-gram ({@code settings.noRepeatNgram()}) already in the first
   * {@code length} tokens of {@code history}; empty when blocking is off. Linear in the length,
   * which is bounded by maxTokens.
   */
  private int[] bannedByRepeat(int[] history, int length) {
    int n = settings.noRepeatNgram();
    if (n < 2 || length < n - 1) {
      return NONE;
    }
    int[] out = new int[length];
    int size = 0;
    int tail = length - (n - 1); // start of the last n-1 tokens
    for (int j = 0; j + n - 1 < length; j++) {
      boolean same = true;
      for (int i = 0; i < n - 1 && same; i++) {
        same = history[j + i] == history[tail + i];
      }
      if (same) {
        out[size++] = history[j + n - 1];
      }
    }
    return size == 0 ? NONE : Arrays.copyOf(out, size);
  }

  private static final int[] NONE = new int[0];

  private static boolean contains(int[] a, int t) {
    for (int x : a) {
      if (x == t) {
        return true;
      }
    }
    return false;
  }

  private boolean staticallyAllowed(int t, AnchorFacts f, Vocabulary v) {
    if (t == v.bos() || t == v.unk()) {
      return false;
    }
    if (slotOf[t] >= 0) {
      return f.supports(Slot.values()[slotOf[t]]);
    }
    return cueOf[t] == null || f.supports(cueOf[t]);
  }

  private Hypothesis hypothesis(
      int[] history, int length, double logProb, Vocabulary v, boolean complete) {
    List<String> tokens = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      tokens.add(v.token(history[i]));
    }
    // + 1 for the end token, which was predicted too
    return new Hypothesis(
        tokens, logProb, logProb / Math.pow(length + 1, settings.lengthAlpha()), complete);
  }

  private void regather(MultiLayerNetwork net, int[] source) {
    for (int layer = 0; layer < model.lstmLayers(); layer++) {
      Map<String, INDArray> state = net.rnnGetPreviousState(layer);
      Map<String, INDArray> moved = new HashMap<>();
      state.forEach((key, value) -> moved.put(key, Nd4j.pullRows(value, 1, source)));
      net.rnnSetPreviousState(layer, moved);
    }
  }

  /**
   * The n best (score, row, token) triples offered, kept in a small sorted array (n is twice the
   * beam width).
   */
  private static final class TopN {
    private final double[] scores;
    private final int[] rows;
    private final int[] tokens;
    private int size;

    TopN(int n) {
      scores = new double[n];
      rows = new int[n];
      tokens = new int[n];
    }

    void offer(double s, int row, int token) {
      if (size == scores.length && s <= scores[size - 1]) {
        return;
      }
      int i = size < scores.length ? size++ : size - 1;
      while (i > 0 && scores[i - 1] < s) {
        scores[i] = scores[i - 1];
        rows[i] = rows[i - 1];
        tokens[i] = tokens[i - 1];
        i--;
      }
      scores[i] = s;
      rows[i] = row;
      tokens[i] = token;
    }

    List<double[]> sorted() {
      List<double[]> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(new double[] {scores[i], rows[i], tokens[i]});
      }
      return out;
    }
  }
}
