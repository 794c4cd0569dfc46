package io.reasonflow.reasons.explain.decoder;

import io.reasonflow.reasons.decoder.Vocabulary;
import io.reasonflow.reasons.explain.ExplanationExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Greedy decoding of a batch of examples, one LSTM step for the whole batch at a time. Never writes
 * {@code <s>} or {@code <unk>}, nor {@code </s>} first, nor a token twice in a row or a bigram
 * twice (greedy language models loop otherwise). Constrained, it also never writes a claim token
 * ({@link ClaimLexicon}) the example's own facts do not support: the token's probability is set
 * aside before the arg-max, so the sentence is written around it rather than cut.
 *
 * <p>Greedy, not beam search: the speed target (2,000 reasons/s on 2 cores) leaves no room for a
 * beam, and PETER decodes greedily too.
 */
public final class ExplainerDecoder {
  private final ExplainerModel model;
  private final Vocabulary vocab;
  private final ClaimLexicon claims;

  /** Vocabulary ids of the claim tokens, and each one's token. */
  private final int[] claimIds;

  public ExplainerDecoder(ExplainerModel model) {
    this.model = model;
    this.vocab = model.vocabulary();
    this.claims = model.tokeniser().claims();
    List<Integer> ids = new ArrayList<>();
    for (int i = 3; i < vocab.size(); i++) {
      if (claims.isClaim(vocab.token(i))) {
        ids.add(i);
      }
    }
    this.claimIds = ids.stream().mapToInt(Integer::intValue).toArray();
  }

  public ExplainerModel model() {
    return model;
  }

  /** How many vocabulary tokens make claims. */
  public int claimTokens() {
    return claimIds.length;
  }

  /** The sentences' tokens, in order of {@code examples}. */
  public List<List<String>> decode(List<ExplanationExample> examples, boolean constrained) {
    int n = examples.size();
    List<List<String>> out = new ArrayList<>();
    if (n == 0) {
      return out;
    }
    int v = vocab.size();
    int maxTokens = model.metadata().config().maxTokens();
    ConditionEncoder enc = model.condition();
    float[] cond = new float[n * enc.size()];
    boolean[][] banned = new boolean[n][];
    for (int b = 0; b < n; b++) {
      enc.encode(examples.get(b), cond, b * enc.size());
      if (constrained) {
        banned[b] = new boolean[v];
        Set<String> supported = claims.supported(examples.get(b));
        for (int id : claimIds) {
          banned[b][id] = claims.unsupported(vocab.token(id), supported);
        }
      }
    }
    List<List<Integer>> ids = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      ids.add(new ArrayList<>());
    }
    boolean[] done = new boolean[n];
    int open = n;
    INDArray condArr = Nd4j.create(cond, new long[] {n, enc.size()}, 'c');
    float[] words = new float[n];
    java.util.Arrays.fill(words, vocab.bos());
    synchronized (model) {
      ComputationGraph net = model.network();
      net.rnnClearPreviousState();
      for (int step = 0; step <= maxTokens && open > 0; step++) {
        INDArray w = Nd4j.create(words, new long[] {n, 1, 1}, 'c');
        float[] probs = net.rnnTimeStep(w, condArr)[0].reshape(n, v).dup('c').data().asFloat();
        for (int b = 0; b < n; b++) {
          if (done[b]) {
            continue;
          }
          List<Integer> row = ids.get(b);
          int next = step == maxTokens ? vocab.eos() : pick(probs, b * v, v, row, banned[b]);
          if (next == vocab.eos()) {
            done[b] = true;
            open--;
          } else {
            row.add(next);
          }
          words[b] = next;
        }
      }
      net.rnnClearPreviousState();
    }
    for (List<Integer> row : ids) {
      out.add(row.stream().map(vocab::token).toList());
    }
    return out;
  }

  private int pick(float[] probs, int at, int v, List<Integer> row, boolean[] banned) {
    int prev = row.isEmpty() ? vocab.bos() : row.getLast();
    // tokens that would repeat a bigram already written
    List<Integer> repeats = new ArrayList<>();
    for (int j = 0; j + 1 < row.size(); j++) {
      if (row.get(j) == prev) {
        repeats.add(row.get(j + 1));
      }
    }
    int best = -1;
    float bestP = -1;
    for (int id = 0; id < v; id++) {
      if (id == vocab.bos()
          || id == vocab.unk()
          || (id == vocab.eos() && row.isEmpty())
          || id == prev
          || (banned != null && banned[id])
          || repeats.contains(id)) {
        continue;
      }
      float p = probs[at + id];
      if (p > bestP) {
        bestP = p;
        best = id;
      }
    }
    return best < 0 ? vocab.eos() : best;
  }
}
