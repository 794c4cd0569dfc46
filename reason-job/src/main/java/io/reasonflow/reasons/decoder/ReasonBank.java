package io.reasonflow.reasons.decoder;

import io.reasonflow.common.UserError;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.Slot;
import io.reasonflow.reasons.realise.TemplateKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The decoder's training corpus: delexicalised reasons with what each says, and the cue phrases
 * that tell what wording asserts. File format (UTF-8, tab-separated, {@code #} comments; see {@code
 * reason-bank/README.md}):
 *
 * <pre>
 * &#64;cue  ASSERTION  phrase
 * KIND  SLOTS  ASSERTIONS  skeleton
 * </pre>
 *
 * Every line is validated so that a platform's own bank fails loudly rather than teach the decoder
 * something the verifier would reject: slots are {@link Slot} names and match the skeleton, no slot
 * twice, exactly one {@code {ANCHOR}}, no digits, the listed assertions are exactly those the cues
 * find, the kind's evidence is there (a COUNT for the figure kinds, a TERM for SHARED_TERM...), and
 * the skeleton survives tokenising unchanged.
 */
public final class ReasonBank {
  /** The bank shipped with ReasonFlow for {@code locale}. */
  public static final String RESOURCE_DIR = "reason-bank/";

  private final ReasonLocale locale;
  private final Map<String, Assertion> cues;
  private final List<BankSentence> sentences;

  private ReasonBank(
      ReasonLocale locale, Map<String, Assertion> cues, List<BankSentence> sentences) {
    this.locale = locale;
    this.cues = Map.copyOf(cues);
    this.sentences = List.copyOf(sentences);
  }

  /** Reads a bank file. */
  public static ReasonBank read(Path file, ReasonLocale locale) {
    if (!Files.isRegularFile(file)) {
      throw new UserError("reason bank not found: " + file);
    }
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString(), locale);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /**
   * The bank shipped on the classpath, {@code reason-bank/en.tsv} or {@code reason-bank/zh-CN.tsv}.
   */
  public static ReasonBank shipped(ReasonLocale locale) {
    String name = RESOURCE_DIR + locale.tag() + ".tsv";
    try (InputStream in = ReasonBank.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the classpath");
      }
      return parse(
          Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")),
          name,
          locale);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ReasonBank parse(List<String> lines, String source, ReasonLocale locale) {
    Map<String, Assertion> cues = new LinkedHashMap<>();
    List<String[]> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replace("\r", "");
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f[0].equals("@cue")) {
        if (f.length != 3 || f[2].isBlank()) {
          throw bad(source, i + 1, "a cue line is '@cue<TAB>ASSERTION<TAB>phrase'");
        }
        cues.put(f[2].strip(), assertion(f[1], source, i + 1));
      } else {
        if (f.length != 4) {
          throw bad(
              source,
              i + 1,
              "a sentence line has 4 tab-separated fields (KIND, SLOTS, ASSERTIONS, skeleton),"
                  + " not "
                  + f.length);
        }
        rows.add(f);
        rowLines.add(i + 1);
      }
    }
    Tokeniser tokeniser = new Tokeniser(locale, cues);
    List<BankSentence> sentences = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int r = 0; r < rows.size(); r++) {
      BankSentence s = sentence(rows.get(r), rowLines.get(r), source, tokeniser);
      if (seen.add(s.skeleton())) {
        sentences.add(s);
      }
    }
    if (sentences.isEmpty()) {
      throw new UserError("reason bank " + source + " has no sentences");
    }
    return new ReasonBank(locale, cues, sentences);
  }

  private static BankSentence sentence(String[] f, int line, String source, Tokeniser tokeniser) {
    TemplateKind kind;
    try {
      kind = TemplateKind.valueOf(f[0].strip());
    } catch (IllegalArgumentException e) {
      throw bad(
          source,
          line,
          "kind '" + f[0] + "' is not one of " + Arrays.toString(TemplateKind.values()));
    }
    String skeleton = f[3].strip();
    List<Slot> slots = new ArrayList<>();
    for (String token : tokeniser.split(skeleton)) {
      if (token.startsWith("{")) {
        Slot s = Tokeniser.slotOf(token);
        if (s == null) {
          throw bad(
              source,
              line,
              "unknown slot " + token + "; slots are " + Arrays.toString(Slot.values()));
        }
        if (slots.contains(s)) {
          throw bad(source, line, "slot " + token + " occurs twice");
        }
        slots.add(s);
      }
    }
    List<Slot> listed =
        f[1].isBlank()
            ? List.of()
            : Arrays.stream(f[1].split(",")).map(x -> slotName(x, source, line)).toList();
    if (!listed.equals(slots)) {
      throw bad(source, line, "SLOTS says " + listed + " but the skeleton has " + slots);
    }
    if (!slots.contains(Slot.ANCHOR)) {
      throw bad(source, line, "every reason names the shopper's item: {ANCHOR} is missing");
    }
    if (skeleton.chars().anyMatch(Character::isDigit)) {
      throw bad(source, line, "a skeleton has no digits: figures go in slots");
    }
    Set<Assertion> listedAssertions = EnumSet.noneOf(Assertion.class);
    if (!f[2].strip().equals("-")) {
      Arrays.stream(f[2].split(",")).forEach(x -> listedAssertions.add(assertion(x, source, line)));
    }
    Set<Assertion> found = tokeniser.assertions(skeleton);
    if (!found.equals(listedAssertions)) {
      throw bad(
          source,
          line,
          "ASSERTIONS says " + listedAssertions + " but the cue phrases in the text say " + found);
    }
    String kindProblem = kindProblem(kind, slots, found);
    if (kindProblem != null) {
      throw bad(source, line, kindProblem);
    }
    String rejoined = tokeniser.join(tokeniser.split(skeleton));
    if (!rejoined.equals(skeleton)) {
      throw bad(source, line, "spacing differs from the decoder's rule: write '" + rejoined + "'");
    }
    return new BankSentence(kind, slots, found, skeleton, line);
  }

  private static String kindProblem(TemplateKind kind, List<Slot> slots, Set<Assertion> a) {
    return switch (kind) {
      case COMPLEMENT_FIGURE ->
          slots.contains(Slot.COUNT) && a.contains(Assertion.COMPLEMENT)
              ? null
              : "COMPLEMENT_FIGURE needs {COUNT} and a COMPLEMENT cue";
      case COVIEW_FIGURE -> slots.contains(Slot.COUNT) ? null : "COVIEW_FIGURE needs {COUNT}";
      case SHARED_TERM -> slots.contains(Slot.TERM) ? null : "SHARED_TERM needs {TERM}";
      case SIMILAR -> a.contains(Assertion.SIMILAR) ? null : "SIMILAR needs a SIMILAR cue";
      case FROM_RECENT ->
          slots.contains(Slot.COUNT) || slots.contains(Slot.TERM) || a.contains(Assertion.SIMILAR)
              ? "FROM_RECENT sentences quote no figure, term or similarity"
              : null;
      case POPULARITY -> slots.contains(Slot.POPULARITY) ? null : "POPULARITY needs {POPULARITY}";
    };
  }

  private static Slot slotName(String s, String source, int line) {
    try {
      return Slot.valueOf(s.strip());
    } catch (IllegalArgumentException e) {
      throw bad(source, line, "unknown slot '" + s + "' in SLOTS");
    }
  }

  private static Assertion assertion(String s, String source, int line) {
    try {
      return Assertion.valueOf(s.strip());
    } catch (IllegalArgumentException e) {
      throw bad(
          source,
          line,
          "assertion '" + s + "' is not one of " + Arrays.toString(Assertion.values()));
    }
  }

  private static UserError bad(String source, int line, String problem) {
    return new UserError("reason bank " + source + " line " + line + ": " + problem);
  }

  public ReasonLocale locale() {
    return locale;
  }

  /** Cue phrases and what they assert. */
  public Map<String, Assertion> cues() {
    return cues;
  }

  /** Distinct sentences, in file order. */
  public List<BankSentence> sentences() {
    return sentences;
  }

  public Tokeniser tokeniser() {
    return new Tokeniser(locale, cues);
  }

  /**
   * A seeded split: {@code heldOutFraction} of the sentences (at least one) held out for
   * perplexity, the rest for training.
   */
  public Split split(double heldOutFraction, long seed) {
    List<BankSentence> shuffled = new ArrayList<>(sentences);
    java.util.Collections.shuffle(shuffled, new Random(seed));
    int held =
        heldOutFraction <= 0 ? 0 : Math.max(1, (int) Math.round(heldOutFraction * shuffled.size()));
    held = Math.min(held, shuffled.size() - 1);
    return new Split(shuffled.subList(held, shuffled.size()), shuffled.subList(0, held));
  }

  /** Training and held-out sentences. */
  public record Split(List<BankSentence> train, List<BankSentence> heldOut) {
    public Split {
      train = List.copyOf(train);
      heldOut = List.copyOf(heldOut);
    }
  }
}
