package io.reasonflow.common.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.Item;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemFileReaderEntitiesTest {
  @Test
  void titlesAndBrandsAreReadWithTheirCharacterReferencesDecoded(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("items.tsv");
    Files.writeString(
        f,
        "item_id\ttitle\tbrand\nB1\t&#9733;SALE!&#9733; Cr&egrave;me Rinse\tL&#39;Or&eacute;al\n");
    List<Item> items = new ArrayList<>();
    new ItemFileReader().read(f, items::add, d -> {});
    assertThat(items)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.title()).isEqualTo("★SALE!★ Crème Rinse");
              assertThat(i.brand()).isEqualTo("L'Oréal");
            });
  }
}
