package io.reasonflow.reasons.aspects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Aspect-opinion pairs from hand-written review sentences, each rule on a sentence of its own. */
class AspectMinerTest {
  private static final AspectMiner MINER =
      new AspectMiner(
          AspectLexicon.of("tone", "volume", "tuners", "sound quality", "price", "build", "action"),
          OpinionLexicon.english());

  private static List<Mention> mine(String text) {
    return MINER.mine(text);
  }

  @Test
  void anOpinionBeforeOrAfterItsAspectIsPaired() {
    assertThat(mine("Great tone."))
        .extracting(Mention::aspect, Mention::polarity)
        .containsExactly(tuple("tone", 1));
    assertThat(mine("The tone is really great"))
        .extracting(Mention::aspect, Mention::polarity, Mention::intensity)
        .containsExactly(tuple("tone", 1, 2.0));
    assertThat(mine("I love the tone of these."))
        .extracting(Mention::aspect, Mention::polarity)
        .containsExactly(tuple("tone", 1));
  }

  @Test
  void aSubjectBetweenAspectAndOpinionEndsTheSearch() {
    // "these" before a copula is the subject ("the tone on these is warm" judges "these"); before a
    // noun it is none ("great tone, these strings")
    assertThat(mine("The tone on these is warm.")).isEmpty();
    assertThat(mine("Tone these strings warm."))
        .extracting(Mention::aspect)
        .containsExactly("tone");
    assertThat(mine("The volume, it looks cool.")).isEmpty();
  }

  @Test
  void negationFlipsPolarity() {
    assertThat(mine("The volume is not loud enough for a gig."))
        .extracting(Mention::aspect, Mention::polarity, Mention::negated)
        .containsExactly(tuple("volume", -1, true));
    assertThat(mine("It doesn't hold tune at all."))
        .extracting(Mention::aspect, Mention::polarity)
        .containsExactly(tuple("tuning", -1));
    assertThat(mine("Holds tune for weeks."))
        .extracting(Mention::aspect, Mention::polarity)
        .containsExactly(tuple("tuning", 1));
    assertThat(mine("No problems with the tuners so far."))
        .extracting(Mention::aspect, Mention::polarity)
        .containsExactly(tuple("tuner", 1));
    assertThat(mine("The tone isn't bad."))
        .extracting(Mention::aspect, Mention::polarity)
        .containsExactly(tuple("tone", 1));
  }

  @Test
  void tooMakesPraiseAComplaintAndANegatedTooMildPraise() {
    assertThat(mine("The volume is too loud."))
        .extracting(Mention::aspect, Mention::polarity)
        .containsExactly(tuple("volume", -1));
    assertThat(mine("The volume is not too loud."))
        .extracting(Mention::aspect, Mention::polarity, Mention::intensity)
        .containsExactly(tuple("volume", 1, 0.5));
  }

  @Test
  void intensifiersAndSoftenersScale() {
    assertThat(mine("Extremely solid build.").get(0).intensity()).isEqualTo(2.0);
    assertThat(mine("Somewhat decent price.").get(0).intensity()).isEqualTo(0.5);
    assertThat(mine("Decent price.").get(0).intensity()).isEqualTo(1.0);
  }

  @Test
  void aContrastStartsAClauseSoEachOpinionKeepsItsAspect() {
    assertThat(mine("The tone is great but the tuners are flimsy."))
        .extracting(Mention::aspect, Mention::polarity)
        .containsExactly(tuple("tone", 1), tuple("tuner", -1));
  }

  @Test
  void twoWordAspectsWinAndOpinionsInsideThemAreNotOpinions() {
    assertThat(mine("Excellent sound quality for the price."))
        .extracting(Mention::aspect, Mention::polarity)
        .containsExactly(tuple("sound quality", 1));
  }

  @Test
  void sentencesAreSplitAndKeptAsProvenance() {
    List<Mention> m = mine("Great tone!The action is terrible.\nCheap price");
    assertThat(m)
        .extracting(Mention::aspect, Mention::polarity, Mention::sentence)
        .containsExactly(
            tuple("tone", 1, "Great tone!"), tuple("action", -1, "The action is terrible."));
  }

  @Test
  void noAspectNoMention() {
    assertThat(mine("Great product, would buy again.")).isEmpty();
    assertThat(mine("Works as advertised.")).isEmpty();
  }

  @Test
  void theLexiconGrowsFromNounsReviewersJudgeAndDropsAdjectivesAndProductNames() {
    List<String> corpus =
        List.of(
            "Great tone. The tone is warm. This pedal is very clean.",
            "Great tone and the tone is rich. Great pedal; this pedal rocks.",
            "The tone is amazing. Nice pedal, this pedal is fun.",
            "Great clean sound. The clean channel is very clean, so clean.");
    AspectLexicon lex = AspectLexicon.grow(corpus, OpinionLexicon.english(), 3);
    // "tone": judged in 3 reviews, takes "the"; "pedal": mostly "this pedal" (what the product
    // is); "clean": after "very"/"so" (an adjective)
    assertThat(lex.keys()).containsExactly("tone");
  }

  @Test
  void reviewersAreCountedOnceByTheSignOfTheirReview() {
    List<Review> reviews =
        List.of(
            Review.of("u1", "i1", "Great tone. Really great tone."),
            Review.of("u2", "i1", "Great tone but the tone is bad."),
            Review.of("u3", "i1", "The tone is terrible."),
            Review.of("u4", "i1", "Love the tone."),
            Review.of("u5", "i2", "Great tone."));
    ReviewAspects store =
        ReviewAspects.build(reviews, AspectLexicon.of("tone"), OpinionLexicon.english());
    assertThat(store.aspects("i1"))
        .containsExactly(new AspectCount("tone", 2, 1, List.of("u1/i1", "u4/i1")));
    assertThat(store.reviewers("i1")).isEqualTo(4);
    assertThat(store.aspectsWritten("u3", "i1")).containsExactly("tone");
    assertThat(store.aspectsWritten("u5", "i1")).isEmpty();
  }
}
