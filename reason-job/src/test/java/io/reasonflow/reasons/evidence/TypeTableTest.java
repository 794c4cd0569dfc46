package io.reasonflow.reasons.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A typo in a shipped routine or role table stops the load and names its line, in both tables (they
 * share one reader), instead of silently matching nothing.
 */
class TypeTableTest {
  private final ProductTypes types = ProductTypes.shipped();

  @Test
  void bothShippedTablesLoad() {
    assertThat(TypePairs.shipped()).isNotNull();
    assertThat(TypeRoles.shipped()).isNotNull();
  }

  @Test
  void anUnknownTypeIsNamedWithItsLine() {
    assertThatThrownBy(
            () -> TypePairs.parse(new String[] {"# routines", "", "hair\tshampoo|shampooo"}, types))
        .hasMessage(
            TypePairs.RESOURCE + " line 3: 'shampooo' is not a type of " + ProductTypes.RESOURCE);
    assertThatThrownBy(() -> TypeRoles.parse(new String[] {"face cream\tnight\tnight"}, types))
        .hasMessageContaining(TypeRoles.RESOURCE + " line 1: 'face cream' is not a type of");
  }

  @Test
  void aRowWithTheWrongFieldCountIsNamedWithItsLine() {
    assertThatThrownBy(() -> TypePairs.parse(new String[] {"hair shampoo"}, types))
        .hasMessage(TypePairs.RESOURCE + " line 1: want routine, types; got hair shampoo");
    assertThatThrownBy(() -> TypeRoles.parse(new String[] {"#", "shampoo\tdry"}, types))
        .hasMessage(TypeRoles.RESOURCE + " line 2: want type, role, phrases; got shampoo\tdry");
  }

  @Test
  void knownTypesAreRead() {
    TypePairs pairs = TypePairs.parse(new String[] {"hair\tshampoo|conditioner"}, types);
    assertThat(
            pairs.together(
                types.named("shampoo").orElseThrow(), types.named("conditioner").orElseThrow()))
        .isTrue();
  }
}
