package io.reasonflow.reasons.explain.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reasonflow.reasons.decoder.Vocabulary;
import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decoder's per-sentence claim mask, built from digit runs and phrase flags computed once per
 * model, bans exactly the tokens {@link ClaimLexicon#unsupported} calls unsupported: numbers backed
 * digit run by digit run ("9v" needs "9"), a number that is also a claim phrase only by its own
 * key.
 */
class ClaimMaskTest {
  @Test
  void theMaskAgreesWithTheLexiconTokenByToken() {
    String[][] rows = {
      {"the 9v adapter works with my 12 string guitar .", "sound", "9v adapter", "Boss"},
      {
        "a 12 string guitar sounds full and the 9v battery lasts .",
        "sound",
        "12 string guitar",
        "Yamaha"
      },
      {"it has 6 strings and a 9v battery for 20 dollars .", "price", "6 strings", "Fender"},
      {"the 1/4 inch cable is 10 ft long .", "length", "10 ft cable", "Hosa"},
    };
    List<ExplanationExample> data = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      for (Split s : List.of(Split.TRAIN, Split.VALIDATION)) {
        data.add(
            TinyExamples.example(
                s + "" + i,
                rows[i][0],
                List.of(rows[i][1]),
                List.of("good"),
                rows[i][2],
                List.of(rows[i][3]),
                s));
      }
    }
    ExplainerModel model =
        ExplainerTrainer.train(TinyExamples.tinyConfig(true, 1), data, null, l -> {});
    ExplainerDecoder decoder = new ExplainerDecoder(model);
    ClaimLexicon claims = model.tokeniser().claims();
    Vocabulary vocab = model.vocabulary();
    List<Set<String>> supports = new ArrayList<>();
    data.forEach(e -> supports.add(claims.supported(e)));
    supports.add(Set.of());
    supports.add(Set.of("9", "12"));
    supports.add(Set.of("10", "ft"));
    int digitClaims = 0;
    for (int id = 3; id < vocab.size(); id++) {
      digitClaims += claims.isClaim(vocab.token(id)) && vocab.token(id).matches(".*\\d.*") ? 1 : 0;
    }
    assertTrue(digitClaims >= 3, "the vocabulary has numbers to mask: " + digitClaims);
    for (Set<String> supported : supports) {
      boolean[] banned = decoder.banned(supported);
      for (int id = 3; id < vocab.size(); id++) {
        String t = vocab.token(id);
        assertEquals(
            claims.unsupported(t, supported), banned[id], "token '" + t + "' with " + supported);
      }
    }
  }
}
