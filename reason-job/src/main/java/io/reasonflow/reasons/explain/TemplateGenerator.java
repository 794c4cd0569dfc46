package io.reasonflow.reasons.explain;

import java.util.Optional;

/**
 * The template baseline: the project's aspect-reason wording ("Reviewers praise its {ASPECT}",
 * {@code aspects.AspectTemplates}) realising the example's first feature with its opinion's
 * polarity, and its product type where known. Every claim it makes comes from the example's
 * evidence, so it is the verifier's fallback too.
 */
public final class TemplateGenerator implements ExplanationGenerator {
  private final boolean chinese;

  public TemplateGenerator(boolean chinese) {
    this.chinese = chinese;
  }

  @Override
  public String name() {
    return "template";
  }

  @Override
  public Optional<String> explain(ExplanationExample e) {
    if (e.features().isEmpty()) {
      return Optional.empty();
    }
    String aspect = e.features().get(0);
    String opinion = e.opinions().isEmpty() ? "" : e.opinions().get(0);
    String type = e.productType();
    if (chinese) {
      boolean praise = ChineseAspectMiner.polarity(opinion) >= 0;
      String whose = type.isEmpty() ? "它" : type;
      return Optional.of(
          praise ? "评价者称赞" + whose + "的" + aspect + "。" : "评价者对" + whose + "的" + aspect + "有抱怨。");
    }
    boolean praise = EnglishExampleBuilder.polarity(opinion) >= 0;
    String verb = praise ? "Reviewers praise" : "Reviewers complain about";
    return Optional.of(
        type.isEmpty()
            ? verb + " its " + aspect + "."
            : verb + " the " + aspect + " of this " + type + ".");
  }
}
