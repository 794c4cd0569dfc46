package io.reasonflow.reasons.realise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.model.EventType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Filling a skeleton: a space between two Chinese characters (or full-width punctuation) that a
 * slot's edge leaves is removed, every other space is kept. English text skips that pass (it was
 * most of the cost of filling), so both sides of the shortcut are pinned here.
 */
class LexicaliserTest {
  private static final List<Claim> ZH =
      List.of(
          new Claim.AnchorClaim("A", "干洗喷雾"), new Claim.ActionClaim("A", EventType.REVIEW, "评价过"));

  @Test
  void aSpaceBetweenChineseTextAndAChineseSlotIsRemoved() {
    assertThat(Lexicaliser.fill("因为您{ACTION} {ANCHOR} ，为您推荐这件。", ZH))
        .isEqualTo("因为您评价过干洗喷雾，为您推荐这件。");
    assertThat(Lexicaliser.fill("{ANCHOR} 很搭", ZH)).isEqualTo("干洗喷雾很搭");
  }

  @Test
  void spacesBesideLatinTextStayInChineseAndInEnglish() {
    List<Claim> mixed =
        List.of(
            new Claim.AnchorClaim("A", "OPI 指甲油"),
            new Claim.ActionClaim("A", EventType.REVIEW, "评价过"));
    assertThat(Lexicaliser.fill("您{ACTION} {ANCHOR} 。", mixed)).isEqualTo("您评价过 OPI 指甲油。");
    List<Claim> en =
        List.of(
            new Claim.AnchorClaim("A", "the OPI nail polish"),
            new Claim.ActionClaim("A", EventType.REVIEW, "reviewed"));
    assertThat(Lexicaliser.fill("Goes well with {ANCHOR} you {ACTION} , twice.", en))
        .isEqualTo("Goes well with the OPI nail polish you reviewed , twice.");
  }

  @Test
  void onlyUpperCaseNamesInBracesAreSlotsAndEverySlotNeedsItsClaim() {
    List<Claim> en =
        List.of(
            new Claim.AnchorClaim("A", "the $1 \\ polish"),
            new Claim.ActionClaim("A", EventType.REVIEW, "reviewed"));
    // replacement text is taken literally; braces that open no slot stay as they are
    assertThat(Lexicaliser.fill("{{ANCHOR}} {} {lower} {ACTION", en))
        .isEqualTo("{the $1 \\ polish} {} {lower} {ACTION");
    assertThat(Lexicaliser.fill("You {ACTION} {ANCHOR}.", en))
        .isEqualTo("You reviewed the $1 \\ polish.");
    assertThat(Lexicaliser.slotNames("{{ANCHOR}} {} {lower} {ACTION} {ACTION"))
        .containsExactly("ANCHOR", "ACTION");
    assertThatThrownBy(() -> Lexicaliser.fill("{ANCHOR} and {COUNT}", en))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no claim fills slot");
    assertThatThrownBy(() -> Lexicaliser.fill("{NO_SUCH_SLOT}", en))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Lexicaliser.fill(
                    "{ANCHOR}",
                    List.of(new Claim.AnchorClaim("A", "x"), new Claim.AnchorClaim("B", "y"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two claims fill slot");
  }

  @Test
  void onlyHanAndFullWidthCharactersTriggerTheChinesePass() {
    assertThat(Lexicaliser.hasHanOrFullWidth("the OPI nail polish, 12 shoppers")).isFalse();
    assertThat(Lexicaliser.hasHanOrFullWidth("Crème brûlée – 5 €")).isFalse();
    assertThat(Lexicaliser.hasHanOrFullWidth("指")).isTrue();
    assertThat(Lexicaliser.hasHanOrFullWidth("a，b")).isTrue(); // full-width comma
    assertThat(Lexicaliser.hasHanOrFullWidth("a。b")).isTrue(); // ideographic full stop
  }

  @Test
  void theArticleBeforeASlotFollowsTheSlotsFirstSound() {
    List<Claim> eyeshadow = List.of(new Claim.TypeClaim("C", "eyeshadow", "eyeshadow"));
    assertThat(Lexicaliser.fill("A {TYPE} from the brand you like.", eyeshadow))
        .isEqualTo("An eyeshadow from the brand you like.");
    assertThat(Lexicaliser.fill("Here is a {TYPE}.", eyeshadow)).isEqualTo("Here is an eyeshadow.");
    List<Claim> shampoo = List.of(new Claim.TypeClaim("C", "shampoo", "shampoo"));
    assertThat(Lexicaliser.fill("A {TYPE} from the brand you like.", shampoo))
        .isEqualTo("A shampoo from the brand you like.");
    // a word ending in "a" is no article, and "u" is left alone
    List<Claim> ukulele = List.of(new Claim.TypeClaim("C", "ukulele", "ukulele"));
    assertThat(Lexicaliser.fill("A {TYPE} for you.", ukulele)).isEqualTo("A ukulele for you.");
    assertThat(Lexicaliser.fill("Spa {TYPE}", eyeshadow)).isEqualTo("Spa eyeshadow");
  }
}
