package io.reasonflow.reasons.explain.decoder;

import io.reasonflow.reasons.decoder.Vocabulary;
import io.reasonflow.reasons.explain.ExplanationExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Greedy decoding, sentence by sentence on the plain-Java forward pass ({@link ExplainerForward}).
 * Never writes {@code <s>} or {@code <unk>}, nor {@code </s>} first, nor a token twice in a row or
 * a bigram twice (greedy language models loop otherwise). Constrained, it also never writes a claim
 * token ({@link ClaimLexicon}) the example's own facts do not support: the token's probability is
 * set aside before the arg-max, so the sentence is written around it rather than cut.
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

  private final String[] claimKeys;
  private final boolean[] claimHasDigit;

  private final ExplainerForward forward;

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
    // keys computed once: ClaimLexicon.unsupported normalises with regular expressions, which cost
    // about a millisecond a sentence over all claim tokens
    this.claimKeys = new String[claimIds.length];
    this.claimHasDigit = new boolean[claimIds.length];
    for (int i = 0; i < claimIds.length; i++) {
      String t = vocab.token(claimIds[i]);
      claimKeys[i] = ClaimLexicon.keyOf(claims.locale(), t);
      claimHasDigit[i] = t.chars().anyMatch(Character::isDigit);
    }
    this.forward = new ExplainerForward(model.network());
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
    List<List<String>> out = new ArrayList<>(examples.size());
    int maxTokens = model.metadata().config().maxTokens();
    ConditionEncoder enc = model.condition();
    float[] cond = new float[enc.size()];
    float[] logits = new float[vocab.size()];
    boolean[] banned = constrained ? new boolean[vocab.size()] : null;
    for (ExplanationExample e : examples) {
      java.util.Arrays.fill(cond, 0);
      enc.encode(e, cond, 0);
      if (constrained) {
        Set<String> supported = claims.supported(e);
        for (int i = 0; i < claimIds.length; i++) {
          int id = claimIds[i];
          banned[id] =
              claimHasDigit[i]
                  ? claims.unsupported(vocab.token(id), supported)
                  : !supported.contains(claimKeys[i]);
        }
      }
      ExplainerForward.State state = forward.new State(cond, 0, cond.length);
      List<Integer> row = new ArrayList<>();
      int prev = vocab.bos();
      for (int step = 0; step < maxTokens; step++) {
        state.step(prev, logits);
        int next = pick(logits, 0, vocab.size(), row, banned);
        if (next == vocab.eos()) {
          break;
        }
        row.add(next);
        prev = next;
      }
      out.add(row.stream().map(vocab::token).toList());
    }
    return out;
  }

  private int pick(float[] scores, int at, int v, List<Integer> row, boolean[] banned) {
    int prev = row.isEmpty() ? vocab.bos() : row.getLast();
    // tokens that would repeat a bigram already written
    List<Integer> repeats = new ArrayList<>();
    for (int j = 0; j + 1 < row.size(); j++) {
      if (row.get(j) == prev) {
        repeats.add(row.get(j + 1));
      }
    }
    int best = -1;
    float bestP = Float.NEGATIVE_INFINITY;
    for (int id = 0; id < v; id++) {
      if (id == vocab.bos()
          || id == vocab.unk()
          || (id == vocab.eos() && row.isEmpty())
          || id == prev
          || (banned != null && banned[id])
          || repeats.contains(id)) {
        continue;
      }
      float p = scores[at + id];
      if (p > bestP) {
        bestP = p;
        best = id;
      }
    }
    return best < 0 ? vocab.eos() : best;
  }
}
