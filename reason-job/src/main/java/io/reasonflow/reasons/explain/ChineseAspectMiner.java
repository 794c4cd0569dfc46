package io.reasonflow.reasons.explain;

import io.reasonflow.reasons.aspects.Mention;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads aspect-opinion pairs out of a Chinese sentence: within a clause, an aspect of the lexicon
 * followed by an opinion word with only degree and negation words between ("服务很好", "速度不快",
 * "价格也不贵"). An odd number of negators flips the opinion's polarity; the stored opinion is then
 * written with "不" before it ({@link #polarity} reads it back).
 */
public final class ChineseAspectMiner {
  private final ChineseAspectLexicon lexicon;

  public ChineseAspectMiner(ChineseAspectLexicon lexicon) {
    this.lexicon = lexicon;
  }

  public ChineseAspectLexicon lexicon() {
    return lexicon;
  }

  /** The pairs of one sentence, in order. */
  public List<Mention> mine(String sentence) {
    List<Mention> out = new ArrayList<>();
    for (String clause : ChineseText.clauses(sentence)) {
      int i = 0;
      while (i < clause.length()) {
        Optional<String> a = lexicon.aspectAt(clause, i);
        if (a.isEmpty()) {
          i++;
          continue;
        }
        int end = i + a.get().length();
        int[] at = ChineseAspectLexicon.opinionAfter(clause, end);
        if (at == null) {
          i = end;
          continue;
        }
        String op = ChineseAspectLexicon.opinionAt(clause, at[0]).orElseThrow();
        boolean negated = at[1] % 2 == 1;
        int polarity = ChineseAspectLexicon.OPINIONS.get(op) * (negated ? -1 : 1);
        out.add(new Mention(a.get(), polarity, 1, negated ? "不" + op : op, negated, sentence));
        i = at[0] + op.length();
      }
    }
    return out;
  }

  /** The polarity a stored opinion stands for (0 for a word the lexicon does not know). */
  public static int polarity(String opinion) {
    Integer p = ChineseAspectLexicon.OPINIONS.get(opinion);
    if (p != null) {
      return p;
    }
    if (opinion.startsWith("不")) {
      return -ChineseAspectLexicon.OPINIONS.getOrDefault(opinion.substring(1), 0);
    }
    return 0;
  }
}
