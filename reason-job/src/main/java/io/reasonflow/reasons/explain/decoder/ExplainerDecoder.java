package io.reasonflow.reasons.explain.decoder;

import io.reasonflow.reasons.decoder.Vocabulary;
import io.reasonflow.reasons.explain.ExplanationExample;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Greedy (or seeded top-k, {@link Sampling}) decoding on the plain-Java forward pass ({@link
 * ExplainerForward}), many sentences in lock-step (each step reads the weights once for all of
 * them; the words are the same as one at a time). Never writes {@code <s>} or {@code <unk>}, nor
 * {@code </s>} first, nor a token twice in a row or a bigram twice (greedy language models loop
 * otherwise). Constrained, it also never writes a claim token ({@link ClaimLexicon}) the example's
 * own facts do not support: the token's probability is set aside before the arg-max, so the
 * sentence is written around it rather than cut.
 *
 * <p>Greedy, not beam search: the speed target (2,000 reasons/s on 2 cores) leaves no room for a
 * beam, and PETER decodes greedily too. Greedy writes few sentence shapes, so en draws its opening
 * tokens instead ({@link DecoderExplanationGenerator#defaultSampling}); a draw obeys the same
 * masks.
 */
public final class ExplainerDecoder {
  private final ExplainerModel model;
  private final Vocabulary vocab;
  private final ClaimLexicon claims;

  /** Vocabulary ids of the claim tokens, and each one's token. */
  private final int[] claimIds;

  private final String[] claimKeys;
  private final boolean[] claimHasDigit;

  /**
   * Per claim token with digits: its digit runs (each must be backed) and whether it is also a
   * claim phrase ({@link ClaimLexicon#unsupported}'s rule, precomputed so a sentence's mask is
   * built without regular expressions or allocation beyond the mask itself).
   */
  private final String[][] claimDigitRuns;

  private final boolean[] claimIsPhrase;

  private final ExplainerForward forward;

  /** Tokens never written whatever the input: {@code <s>}, {@code <unk>}. */
  private final boolean[] neverBase;

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
    this.claimDigitRuns = new String[claimIds.length][];
    this.claimIsPhrase = new boolean[claimIds.length];
    for (int i = 0; i < claimIds.length; i++) {
      String t = vocab.token(claimIds[i]);
      claimKeys[i] = ClaimLexicon.keyOf(claims.locale(), t);
      claimHasDigit[i] = t.chars().anyMatch(Character::isDigit);
      claimDigitRuns[i] = ClaimLexicon.digitRuns(t).toArray(String[]::new);
      claimIsPhrase[i] = claims.isPhrase(t);
    }
    this.forward = new ExplainerForward(model.network());
    this.neverBase = new boolean[vocab.size()];
    neverBase[vocab.bos()] = true;
    neverBase[vocab.unk()] = true;
  }

  public ExplainerModel model() {
    return model;
  }

  /**
   * Whether a sentence constrained to {@code supported} (claim keys) could make any claim at all:
   * some claim token of the vocabulary is backed. When none is, the sentence can only be
   * claim-free.
   */
  public boolean anyClaimAllowed(Set<String> supported) {
    boolean[] banned = banned(supported);
    for (int id : claimIds) {
      if (!banned[id]) {
        return true;
      }
    }
    return false;
  }

  /** How many vocabulary tokens make claims. */
  public int claimTokens() {
    return claimIds.length;
  }

  /**
   * The sentences' tokens, in order of {@code examples}, all decoded in lock-step (see {@link
   * #decode(List, boolean, int)}).
   */
  public List<List<String>> decode(List<ExplanationExample> examples, boolean constrained) {
    return decode(examples, constrained, Integer.MAX_VALUE);
  }

  /**
   * The sentences' tokens, in order of {@code examples}, decoded {@code lockstep} at a time: each
   * step feeds every unfinished sentence of the group its last token in one pass over the weights
   * ({@link ExplainerForward#step}); a sentence that ends drops out and the next example takes its
   * place. The words do not depend on {@code lockstep} (1 is one sentence at a time): a sentence's
   * arithmetic is the same whoever shares its steps.
   */
  public List<List<String>> decode(
      List<ExplanationExample> examples, boolean constrained, int lockstep) {
    return decode(examples, constrained, lockstep, Sampling.GREEDY);
  }

  /**
   * How the next token is chosen: greedy (the arg-max), or drawn from the {@code topK} most likely
   * allowed tokens at {@code temperature}, for the first {@code firstTokens} tokens of a sentence
   * (0: all), greedy after. The draws come from a generator seeded by {@code seed} and the
   * sentence's input (its condition vector), so the same input always gets the same sentence (the
   * cache stays exact) and a sentence does not depend on which others share its steps.
   */
  public record Sampling(int topK, double temperature, int firstTokens, long seed) {
    public static final Sampling GREEDY = new Sampling(1, 1, 0, 0);

    public Sampling {
      if (topK < 1 || !(temperature > 0) || firstTokens < 0) {
        throw new IllegalArgumentException(
            "sampling needs top-k >= 1, temperature > 0, first tokens >= 0: "
                + topK
                + ", "
                + temperature
                + ", "
                + firstTokens);
      }
    }

    public boolean greedy() {
      return topK == 1;
    }

    /** For a generator's name. */
    public String describe() {
      return greedy()
          ? "greedy"
          : "top-" + topK + " T " + temperature + (firstTokens > 0 ? " first " + firstTokens : "");
    }
  }

  /** As {@link #decode(List, boolean, int)}, choosing tokens by {@code sampling}. */
  public List<List<String>> decode(
      List<ExplanationExample> examples, boolean constrained, int lockstep, Sampling sampling) {
    return decode(examples, constrained ? List.of() : null, lockstep, sampling);
  }

  /**
   * As {@link #decode(List, boolean, int, Sampling)}, constrained to claim keys a caller chose:
   * {@code supported.get(i)} are the claims example {@code i} may make (the reason job allows only
   * what its verifier can check). {@code supported} null: unconstrained; empty: each example's own
   * facts ({@link ClaimLexicon#supported}).
   */
  public List<List<String>> decode(
      List<ExplanationExample> examples,
      List<Set<String>> supported,
      int lockstep,
      Sampling sampling) {
    if (supported != null && !supported.isEmpty() && supported.size() != examples.size()) {
      throw new IllegalArgumentException(
          "one supported set per example: " + supported.size() + " vs " + examples.size());
    }
    int width = Math.max(1, Math.min(lockstep, examples.size()));
    int maxTokens = model.metadata().config().maxTokens();
    ConditionEncoder enc = model.condition();
    float[] cond = new float[enc.size()];
    List<List<String>> out = new ArrayList<>(java.util.Collections.nCopies(examples.size(), null));
    ExplainerForward.State[] states = new ExplainerForward.State[width];
    Sentence[] sentences = new Sentence[width];
    int[] tokens = new int[width];
    int next = 0;
    int active = 0;
    while (active > 0 || next < examples.size()) {
      // fill the free places with the next examples
      while (active < width && next < examples.size()) {
        ExplanationExample e = examples.get(next);
        java.util.Arrays.fill(cond, 0);
        enc.encode(e, cond, 0);
        states[active] = forward.new State(cond, 0, cond.length);
        sentences[active] =
            new Sentence(
                next,
                maxTokens,
                supported == null
                    ? neverBase
                    : banned(supported.isEmpty() ? claims.supported(e) : supported.get(next)),
                sampling,
                java.util.Arrays.hashCode(cond));
        active++;
        next++;
      }
      for (int b = 0; b < active; b++) {
        tokens[b] = sentences[b].last();
      }
      forward.step(states, tokens, active);
      // pick each sentence's next token; a finished one is replaced by the last active one
      for (int b = 0; b < active; ) {
        Sentence s = sentences[b];
        int token = s.pick(states[b].logits());
        if (token != vocab.eos()) {
          s.add(token);
        }
        if (token == vocab.eos() || s.length == maxTokens) {
          out.set(s.index, s.tokens());
          active--;
          states[b] = states[active];
          sentences[b] = sentences[active];
          states[active] = null;
          sentences[active] = null;
        } else {
          b++;
        }
      }
    }
    return out;
  }

  /**
   * Beam search: for each example the {@code width} most probable partial sentences are kept, all
   * fed in one step over the weights; a hypothesis ends at {@code </s>} (or the length bound), and
   * the finished one with the highest log-probability per token (length-normalised, so short
   * sentences are not favoured by having fewer factors) is returned. Same masks and repeat rules as
   * greedy ({@link Sentence#pick}); {@code width} 1 is greedy. Slower than greedy by about {@code
   * width} (and a softmax per step), so it is for the evaluation's rows until a width earns it.
   *
   * @param supported as for {@link #decode(List, List, int, Sampling)}
   */
  public List<List<String>> beam(
      List<ExplanationExample> examples, List<Set<String>> supported, int width) {
    return beam(examples, supported, width, Sampling.GREEDY);
  }

  /**
   * As {@link #beam(List, List, int)}, the first {@code opening.firstTokens()} tokens drawn as
   * {@link Sampling} draws them (one hypothesis, seeded by the input), the beam after: beam search
   * converges on a category's most probable sentence, and a drawn opening keeps sentences apart.
   */
  public List<List<String>> beam(
      List<ExplanationExample> examples, List<Set<String>> supported, int width, Sampling opening) {
    if (width < 1) {
      throw new IllegalArgumentException("beam width must be >= 1: " + width);
    }
    int maxTokens = model.metadata().config().maxTokens();
    ConditionEncoder enc = model.condition();
    List<List<String>> out = new ArrayList<>(examples.size());
    for (int x = 0; x < examples.size(); x++) {
      ExplanationExample e = examples.get(x);
      float[] cond = enc.encode(e);
      boolean[] never =
          supported == null
              ? neverBase
              : banned(supported.isEmpty() ? claims.supported(e) : supported.get(x));
      java.util.SplittableRandom random =
          opening.greedy()
              ? null
              : new java.util.SplittableRandom(
                  opening.seed() * 0x9E3779B97F4A7C15L + java.util.Arrays.hashCode(cond));
      out.add(
          beamOne(
              new Hyp(forward.new State(cond, 0, cond.length), new int[0], 0),
              never,
              width,
              maxTokens,
              opening,
              random));
    }
    return out;
  }

  /** A partial sentence of the beam: its state after its tokens, and their log-probability. */
  private record Hyp(ExplainerForward.State state, int[] tokens, double logp) {
    int last(int bos) {
      return tokens.length == 0 ? bos : tokens[tokens.length - 1];
    }

    boolean repeats(int prev, int id) {
      for (int j = 0; j + 1 < tokens.length; j++) {
        if (tokens[j] == prev && tokens[j + 1] == id) {
          return true;
        }
      }
      return false;
    }
  }

  private List<String> beamOne(
      Hyp start,
      boolean[] never,
      int width,
      int maxTokens,
      Sampling opening,
      java.util.SplittableRandom random) {
    int v = vocab.size();
    int eos = vocab.eos();
    List<Hyp> live = List.of(start);
    int[] bestTokens = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int finished = 0;
    int keep = 2 * width; // candidates kept per step: ended ones do not crowd out live ones
    for (int len = 0; len < maxTokens && !live.isEmpty() && finished < width; len++) {
      int n = live.size();
      ExplainerForward.State[] states = new ExplainerForward.State[n];
      int[] fed = new int[n];
      for (int b = 0; b < n; b++) {
        states[b] = live.get(b).state();
        fed[b] = live.get(b).last(vocab.bos());
      }
      forward.step(states, fed, n);
      // while the opening is drawn there is one hypothesis, and its top-k are the draw's choices
      boolean drawing = random != null && len < opening.firstTokens();
      int limit = drawing ? opening.topK() : keep;
      double[] topScore = new double[limit];
      int[] topHyp = new int[limit];
      int[] topId = new int[limit];
      int m = 0;
      for (int b = 0; b < n; b++) {
        Hyp h = live.get(b);
        float[] logits = states[b].logits();
        float max = Float.NEGATIVE_INFINITY;
        for (int id = 0; id < v; id++) {
          max = Math.max(max, logits[id]);
        }
        double sum = 0;
        for (int id = 0; id < v; id++) {
          sum += Math.exp(logits[id] - max);
        }
        double lse = max + Math.log(sum);
        int prev = h.last(vocab.bos());
        for (int id = 0; id < v; id++) {
          if (never[id]) {
            continue;
          }
          double sc = h.logp() + logits[id] - lse;
          if (m == limit && !(sc > topScore[limit - 1])) {
            continue;
          }
          if ((id == eos && len == 0) || id == prev || h.repeats(prev, id)) {
            continue;
          }
          int at = Math.min(m, limit - 1);
          while (at > 0 && topScore[at - 1] < sc) {
            topScore[at] = topScore[at - 1];
            topHyp[at] = topHyp[at - 1];
            topId[at] = topId[at - 1];
            at--;
          }
          topScore[at] = sc;
          topHyp[at] = b;
          topId[at] = id;
          m = Math.min(limit, m + 1);
        }
      }
      int from = 0;
      if (drawing && m > 0) {
        double[] w = new double[m];
        double sum = 0;
        for (int i = 0; i < m; i++) {
          w[i] = Math.exp((topScore[i] - topScore[0]) / opening.temperature());
          sum += w[i];
        }
        double u = random.nextDouble() * sum;
        from = m - 1;
        for (int i = 0; i < m - 1; i++) {
          u -= w[i];
          if (u < 0) {
            from = i;
            break;
          }
        }
        m = from + 1; // the drawn one only
      }
      List<Hyp> next = new ArrayList<>(width);
      for (int i = from; i < m && next.size() < width; i++) {
        Hyp parent = live.get(topHyp[i]);
        if (topId[i] == eos) {
          double norm = topScore[i] / (parent.tokens().length + 1);
          if (norm > bestScore && parent.tokens().length > 0) {
            bestScore = norm;
            bestTokens = parent.tokens();
          }
          finished++;
          continue;
        }
        int[] t = java.util.Arrays.copyOf(parent.tokens(), parent.tokens().length + 1);
        t[t.length - 1] = topId[i];
        next.add(new Hyp(forward.new State(parent.state()), t, topScore[i]));
      }
      live = next;
    }
    // none ended within the length bound: the cut ones, compared as they stand
    for (Hyp h : bestTokens == null ? live : List.<Hyp>of()) {
      double norm = h.logp() / Math.max(1, h.tokens().length);
      if (h.tokens().length > 0 && norm > bestScore) {
        bestScore = norm;
        bestTokens = h.tokens();
      }
    }
    List<String> t = new ArrayList<>();
    if (bestTokens != null) {
      for (int id : bestTokens) {
        t.add(vocab.token(id));
      }
    }
    return t;
  }

  /** {@link #neverBase} plus the claim tokens {@code supported} (claim keys) does not back. */
  boolean[] banned(Set<String> supported) {
    boolean[] banned = neverBase.clone();
    for (int i = 0; i < claimIds.length; i++) {
      boolean backed = supported.contains(claimKeys[i]);
      if (claimHasDigit[i] && !backed) {
        // ClaimLexicon.unsupported: a number is backed when each of its digit runs is, unless it
        // is also a claim phrase, which only its own key backs
        boolean runsBacked = true;
        for (String run : claimDigitRuns[i]) {
          runsBacked &= supported.contains(run);
        }
        banned[claimIds[i]] = !runsBacked || claimIsPhrase[i];
      } else {
        banned[claimIds[i]] = !backed;
      }
    }
    return banned;
  }

  /** One sentence being written. */
  private final class Sentence {
    final int index;
    final int[] row;
    int length;

    /** True for tokens this sentence may never write. */
    final boolean[] never;

    final Sampling sampling;
    final java.util.SplittableRandom random;

    Sentence(int index, int maxTokens, boolean[] never, Sampling sampling, int inputHash) {
      this.index = index;
      this.row = new int[maxTokens];
      this.never = never;
      this.sampling = sampling;
      this.random =
          sampling.greedy()
              ? null
              : new java.util.SplittableRandom(sampling.seed() * 0x9E3779B97F4A7C15L + inputHash);
    }

    int last() {
      return length == 0 ? vocab.bos() : row[length - 1];
    }

    void add(int token) {
      row[length++] = token;
    }

    List<String> tokens() {
      List<String> t = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        t.add(vocab.token(row[i]));
      }
      return t;
    }

    /**
     * The arg-max of {@code scores} over the tokens allowed next (the first of equal maxima): not
     * {@link #never}, not {@code </s>} first, not the last token again, not a token that would
     * repeat a bigram already written. The last three are checked only for a token that would beat
     * the best so far, which gives the same arg-max as filtering first.
     */
    int pick(float[] scores) {
      if (random != null && (sampling.firstTokens() == 0 || length < sampling.firstTokens())) {
        return draw(scores);
      }
      int prev = last();
      int eos = vocab.eos();
      int v = vocab.size();
      // the highest allowed score, found with vector instructions; when the token it names is one
      // the rules below exclude (or there is none), the full scan decides
      int first = RowProducts.firstMax(scores, never, v);
      if (first >= 0 && !(first == eos && length == 0) && first != prev && !repeats(prev, first)) {
        return first;
      }
      int best = -1;
      float bestP = Float.NEGATIVE_INFINITY;
      for (int id = 0; id < v; id++) {
        if (never[id]) {
          continue;
        }
        float p = scores[id];
        if (p > bestP && !(id == eos && length == 0) && id != prev && !repeats(prev, id)) {
          bestP = p;
          best = id;
        }
      }
      return best < 0 ? eos : best;
    }

    /**
     * A token drawn from the {@code topK} highest-scoring allowed tokens (allowed as for {@link
     * #pick}), with probability proportional to {@code exp(score / temperature)}.
     */
    private int draw(float[] scores) {
      int k = sampling.topK();
      int[] ids = new int[k];
      float[] top = new float[k];
      int m = 0;
      int prev = last();
      int eos = vocab.eos();
      int v = vocab.size();
      for (int id = 0; id < v; id++) {
        if (never[id]) {
          continue;
        }
        float p = scores[id];
        if ((m == k && !(p > top[k - 1]))
            || (id == eos && length == 0)
            || id == prev
            || repeats(prev, id)) {
          continue;
        }
        // insert after equal scores, so ties keep the lower id first (as the arg-max does)
        int at = Math.min(m, k - 1);
        while (at > 0 && top[at - 1] < p) {
          top[at] = top[at - 1];
          ids[at] = ids[at - 1];
          at--;
        }
        top[at] = p;
        ids[at] = id;
        m = Math.min(k, m + 1);
      }
      if (m == 0) {
        return eos;
      }
      double[] w = new double[m];
      double sum = 0;
      for (int i = 0; i < m; i++) {
        w[i] = Math.exp((top[i] - top[0]) / sampling.temperature());
        sum += w[i];
      }
      double u = random.nextDouble() * sum;
      for (int i = 0; i < m - 1; i++) {
        u -= w[i];
        if (u < 0) {
          return ids[i];
        }
      }
      return ids[m - 1];
    }

    /** Whether writing {@code id} after {@code prev} repeats a bigram already written. */
    private boolean repeats(int prev, int id) {
      for (int j = 0; j + 1 < length; j++) {
        if (row[j] == prev && row[j + 1] == id) {
          return true;
        }
      }
      return false;
    }
  }
}
