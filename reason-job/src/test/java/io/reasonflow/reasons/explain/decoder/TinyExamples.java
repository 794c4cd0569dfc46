package io.reasonflow.reasons.explain.decoder;

import io.reasonflow.reasons.explain.ExplanationExample;
import io.reasonflow.reasons.explain.ExplanationExample.Neighbour;
import io.reasonflow.reasons.explain.ExplanationExample.Role;
import io.reasonflow.reasons.explain.ExplanationExample.Split;
import io.reasonflow.reasons.realise.ReasonLocale;
import java.util.ArrayList;
import java.util.List;

/** A handful of hand-made review sentences with their evidence, for tests that train in seconds. */
final class TinyExamples {
  private TinyExamples() {}

  static ExplanationExample example(
      String id,
      String sentence,
      List<String> features,
      List<String> opinions,
      String productType,
      List<String> attributes,
      Split split) {
    return new ExplanationExample(
        id,
        "u" + id,
        "i" + id,
        5,
        sentence,
        features,
        opinions,
        productType,
        attributes,
        List.of(
            new Neighbour("n" + id, Role.ITEM_NEIGHBOUR, productType, attributes, features),
            new Neighbour(
                "a" + id, Role.SHOPPER_ANCHOR, "cable", List.of("Hosa"), List.of("length"))),
        split);
  }

  /** Eight sentences, each with its own aspect, product type and brand, repeated for training. */
  static List<ExplanationExample> learnable() {
    String[][] rows = {
      {"the tone of this fender pedal is warm.", "tone", "warm", "pedal", "Fender"},
      {"these strings stay in tune for weeks.", "tune", "stay", "strings", "Ernie Ball"},
      {"the price was a bargain for a capo.", "price", "bargain", "capo", "Kyser"},
      {"solid build and a sturdy stand.", "build", "solid", "stand", "Hercules"},
      {"the sound of the mic is clear.", "sound", "clear", "mic", "Shure"},
      {"a short cable but the length is enough.", "length", "enough", "cable", "Hosa"},
      {"the volume knob feels cheap on this amp.", "knob", "cheap", "amp", "Orange"},
      {"great action after a setup of this guitar.", "action", "great", "guitar", "Yamaha"},
    };
    List<ExplanationExample> out = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      String[] r = rows[i];
      out.add(
          example("r" + i, r[0], List.of(r[1]), List.of(r[2]), r[3], List.of(r[4]), Split.TRAIN));
      out.add(
          example(
              "v" + i, r[0], List.of(r[1]), List.of(r[2]), r[3], List.of(r[4]), Split.VALIDATION));
    }
    return out;
  }

  static ExplainerConfig tinyConfig(boolean neighbours, int epochs) {
    return new ExplainerConfig(
        ReasonLocale.EN, neighbours, 16, 8, 48, 500, 200, 20, epochs, epochs, 600, 0, 8, 0.02, 7);
  }
}
