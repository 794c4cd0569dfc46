package io.reasonflow.reasons.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.reasons.realise.ReasonLocale;
import io.reasonflow.reasons.realise.Slot;
import io.reasonflow.reasons.realise.TemplateKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReasonBankTest {

  @ParameterizedTest
  @EnumSource(ReasonLocale.class)
  void shippedBankHasThreeHundredDistinctSentencesCoveringEveryKindSlotAndAssertion(
      ReasonLocale locale) {
    ReasonBank bank = ReasonBank.shipped(locale);
    List<BankSentence> s = bank.sentences();
    assertThat(s.stream().map(BankSentence::skeleton).distinct().count())
        .isGreaterThanOrEqualTo(300);
    assertThat(s.stream().map(BankSentence::kind).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(TemplateKind.values());
    // every slot but {TYPE}, {ROUTINE}, the review aspects' and {ATTRIBUTE}, which only the
    // template
    // realiser writes so far
    assertThat(s.stream().flatMap(x -> x.slots().stream()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(
            java.util.EnumSet.complementOf(
                java.util.EnumSet.of(
                    Slot.TYPE,
                    Slot.ROUTINE,
                    Slot.ASPECT,
                    Slot.ASPECT_COUNT,
                    Slot.ASPECT_OF,
                    Slot.ASPECT_SHARE,
                    Slot.USER_ASPECT,
                    Slot.ATTRIBUTE)));
    assertThat(s.stream().flatMap(x -> x.assertions().stream()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(Assertion.values());
    // substitute wording with each kind of evidence it can rest on
    assertThat(s)
        .anyMatch(
            x -> x.assertions().contains(Assertion.SUBSTITUTE) && x.slots().contains(Slot.COUNT));
    assertThat(s)
        .anyMatch(
            x -> x.assertions().contains(Assertion.SUBSTITUTE) && x.slots().contains(Slot.TERM));
    assertThat(s).allMatch(x -> x.slots().contains(Slot.ANCHOR));
    assertThat(s).noneMatch(x -> x.skeleton().chars().anyMatch(Character::isDigit));
  }

  @Test
  void chineseBankIsChineseAndEnglishIsNot() {
    assertThat(ReasonBank.shipped(ReasonLocale.ZH_CN).sentences())
        .allMatch(
            x ->
                x.skeleton()
                    .codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
    assertThat(ReasonBank.shipped(ReasonLocale.EN).sentences())
        .noneMatch(
            x ->
                x.skeleton()
                    .codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
  }

  @Test
  void tokensKeepSlotsAndCuesWholeAndJoinBackExactly() {
    Tokeniser en = ReasonBank.shipped(ReasonLocale.EN).tokeniser();
    String s =
        "Goes well with the {ANCHOR} you {ACTION}: {COUNT} shoppers looked at both ({SHARE}). {POPULARITY}";
    List<String> t = en.split(s);
    assertThat(t)
        .startsWith("Goes well with", "the", "{ANCHOR}", "you", "{ACTION}", ":", "{COUNT}");
    assertThat(en.join(t)).isEqualTo(s);
    assertThat(en.assertions(s)).containsExactly(Assertion.COMPLEMENT);
    Tokeniser zh = ReasonBank.shipped(ReasonLocale.ZH_CN).tokeniser();
    String z = "与您{ACTION}的 {ANCHOR} 很搭：有 {COUNT} 位顾客两件都看过（{SHARE}）。{POPULARITY}";
    List<String> zt = zh.split(z);
    assertThat(zt)
        .startsWith("与", "您", "{ACTION}", "的", "{ANCHOR}", "很搭", "：", "有", "{COUNT}", "位");
    assertThat(zh.join(zt)).isEqualTo(z);
    // a cue spelled out of single characters is still read as the claim it makes
    assertThat(zh.assertions(zh.join(List.of("与", "{ANCHOR}", "相", "似"))))
        .containsExactly(Assertion.SIMILAR);
  }

  @Test
  void aBankLineThatWouldTeachAnUncheckableClaimIsRejectedWithItsLine() {
    List<String> cue = List.of("@cue\tCOMPLEMENT\tgoes well with");
    assertThatThrownBy(
            () ->
                parse(
                    cue,
                    "FROM_RECENT\tANCHOR,ACTION\t-\tGoes well with the {ANCHOR} you {ACTION}."))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("cue phrases");
    assertThatThrownBy(
            () ->
                parse(cue, "COVIEW_FIGURE\tANCHOR,COUNT\t-\tThe {ANCHOR}: {COUNT} of 10 shoppers."))
        .hasMessageContaining("digits");
    assertThatThrownBy(() -> parse(cue, "FROM_RECENT\tACTION\t-\tPicked after what you {ACTION}."))
        .hasMessageContaining("{ANCHOR}");
    assertThatThrownBy(
            () -> parse(cue, "FROM_RECENT\tANCHOR,ANCHOR\t-\tThe {ANCHOR} and the {ANCHOR}."))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> parse(cue, "FROM_RECENT\tANCHOR\t-\tAfter the {ANCHOR} , here."))
        .hasMessageContaining("spacing");
    assertThat(
            parse(
                    cue,
                    "FROM_RECENT\tANCHOR,ACTION\tCOMPLEMENT\tGoes well with the {ANCHOR} you {ACTION}.")
                .sentences()
                .get(0)
                .assertions())
        .isEqualTo(Set.copyOf(EnumSet.of(Assertion.COMPLEMENT)));
  }

  @Test
  void heldOutSplitIsSeededAndDisjoint() {
    ReasonBank bank = ReasonBank.shipped(ReasonLocale.EN);
    ReasonBank.Split a = bank.split(0.1, 42);
    assertThat(bank.split(0.1, 42)).isEqualTo(a);
    assertThat(a.heldOut()).hasSize((int) Math.round(0.1 * bank.sentences().size()));
    assertThat(a.train()).doesNotContainAnyElementsOf(a.heldOut());
    assertThat(a.train().size() + a.heldOut().size()).isEqualTo(bank.sentences().size());
  }

  private static ReasonBank parse(List<String> head, String line) {
    List<String> lines = new java.util.ArrayList<>(head);
    lines.add(line);
    return ReasonBank.parse(lines, "test", ReasonLocale.EN);
  }
}
