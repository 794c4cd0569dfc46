package io.reasonflow.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A row reads back exactly as written, even text UTF-8 cannot carry. */
class CatalogueRowTest {
  @Test
  void aRowReadsBackExactlyAsWritten() {
    ItemFeatures f =
        new ItemFeatures(
            new Item(
                "x",
                "half \uD800 pair, then \uDC00 and \uD83D\uDE00",
                "Suave",
                List.of("Beauty", "\uDBFF"),
                -0.0),
            new float[] {Float.NaN, -0f, Float.MIN_VALUE, 1e30f},
            7,
            ItemFeatures.VectorSource.CONTENT,
            12,
            List.of(new CoView("y\uD800", 3, Double.NaN), new CoView("z", 0, -1)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(42); // a row need not start at 0
    CatalogueRow.write(f, out);
    ByteBuffer buf = ByteBuffer.wrap(out.toByteArray());

    assertThat(CatalogueRow.read("x", buf, 1)).isEqualTo(f);
    assertThat(CatalogueRow.title(buf, 1)).isEqualTo(f.item().title());
    assertThat(CatalogueRow.shoppers(buf, 1)).isEqualTo(12);
  }

  @Test
  void onlyTextWithAnUnpairedSurrogateIsOutsideUtf8() {
    assertThat(CatalogueRow.utf8Carries("plain, 商品, \uD83D\uDE00")).isTrue();
    assertThat(CatalogueRow.utf8Carries("")).isTrue();
    assertThat(CatalogueRow.utf8Carries("\uD800")).isFalse();
    assertThat(CatalogueRow.utf8Carries("a\uDC00")).isFalse();
    assertThat(CatalogueRow.utf8Carries("\uD83D\uD83D\uDE00")).isFalse();
  }
}
