package io.reasonflow.reasons.decoder;

import io.reasonflow.reasons.realise.Slot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decoder tokens and their indices: three specials (start, end, unknown) then the tokens of the
 * training sentences in order of first appearance (so a vocabulary is reproducible from the same
 * bank and seed).
 */
public final class Vocabulary {
  public static final String BOS = "<s>";
  public static final String EOS = "</s>";
  public static final String UNK = "<unk>";

  private final List<String> tokens;
  private final Map<String, Integer> index = new HashMap<>();

  public Vocabulary(List<String> tokens) {
    if (tokens.size() < 3
        || !tokens.get(0).equals(BOS)
        || !tokens.get(1).equals(EOS)
        || !tokens.get(2).equals(UNK)) {
      throw new IllegalArgumentException(
          "a vocabulary starts with " + BOS + ", " + EOS + ", " + UNK);
    }
    this.tokens = List.copyOf(tokens);
    for (int i = 0; i < this.tokens.size(); i++) {
      if (index.put(this.tokens.get(i), i) != null) {
        throw new IllegalArgumentException("token '" + this.tokens.get(i) + "' appears twice");
      }
    }
  }

  public static Vocabulary build(List<List<String>> sentences) {
    Set<String> all = new LinkedHashSet<>(List.of(BOS, EOS, UNK));
    // every slot is in the vocabulary even if the training split happens to lack one
    for (Slot s : Slot.values()) {
      all.add(s.token());
    }
    sentences.forEach(all::addAll);
    return new Vocabulary(new ArrayList<>(all));
  }

  public int size() {
    return tokens.size();
  }

  public int bos() {
    return 0;
  }

  public int eos() {
    return 1;
  }

  public int unk() {
    return 2;
  }

  public int id(String token) {
    return index.getOrDefault(token, unk());
  }

  public String token(int id) {
    return tokens.get(id);
  }

  public List<String> tokens() {
    return tokens;
  }
}
