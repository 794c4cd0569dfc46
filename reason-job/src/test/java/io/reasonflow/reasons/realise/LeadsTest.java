package io.reasonflow.reasons.realise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeadsTest {
  @Test
  void openingsThatReadAlikeAreOne() {
    assertThat(Leads.of("Picked for you after the {ANCHOR} you {ACTION}: {COVIEWS} other shoppers"))
        .isEqualTo(Leads.of("Picked after the {ANCHOR} you {ACTION}; {COVIEWS} other shoppers"))
        .isEqualTo("Picked");
    assertThat(Leads.of("This {TYPE} is for your {ROUTINE} routine, like the {ANCHOR}"))
        .isEqualTo("This {TYPE} is");
    assertThat(Leads.of("This {TYPE} goes with the {ANCHOR} you {ACTION}: {COVIEWS}"))
        .isEqualTo("This {TYPE} goes");
    assertThat(Leads.of("You {ACTION} the {ANCHOR}; {COVIEWS} of its shoppers"))
        .isEqualTo("You {ACTION} the");
  }

  @Test
  void chineseOpensWithItsFirstClause() {
    assertThat(Leads.of("根据您{ACTION}的{ANCHOR}为您推荐，{COVIEWS}"))
        .isEqualTo("根据您{ACTION}的{ANCHOR}为您推荐");
    assertThat(Leads.of("一句话")).isEqualTo("一句话");
  }
}
