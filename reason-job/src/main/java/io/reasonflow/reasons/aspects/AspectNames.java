package io.reasonflow.reasons.aspects;

import io.reasonflow.reasons.realise.ReasonLocale;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An aspect's name in a reason's language: in English as the store's lexicon writes it ("tone",
 * "sound quality"), in Chinese from {@code aspects/aspect-names-zh.tsv}; an aspect with no Chinese
 * name is not named in Chinese reasons. The realiser and the verifier both render through here.
 */
public final class AspectNames {
  private static final Map<String, String> ZH = load();

  private AspectNames() {}

  public static Optional<String> name(ReviewAspects store, String aspect, ReasonLocale locale) {
    if (locale == ReasonLocale.EN) {
      return Optional.of(store.lexicon().name(aspect));
    }
    return Optional.ofNullable(ZH.get(aspect));
  }

  private static Map<String, String> load() {
    Map<String, String> out = new HashMap<>();
    try (InputStream in = AspectNames.class.getResourceAsStream("/aspects/aspect-names-zh.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.split("\t");
          out.put(AspectLexicon.key(f[0]), f[1].strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(out);
  }
}
