package io.reasonflow.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardRouterTest {
  /**
   * The routing function is part of the on-disk format: these values were computed once and must
   * never change, or writers would put items into other shards than the ones existing indexes hold
   * them in. They agree with an independent implementation (Python) of the same definition, whose
   * FNV-1a part gives the published test vector {@code fnv1a64("a") = 0xaf63dc4c8601ec8c}.
   */
  @Test
  void routingIsPinned() {
    assertThat(ShardRouter.hash("B00004TMFE")).isEqualTo(-1437070305591028421L);
    assertThat(ShardRouter.hash("item-1")).isEqualTo(-2029572566632802424L);
    assertThat(ShardRouter.shardOf("B00004TMFE", 4)).isEqualTo(3);
    assertThat(ShardRouter.shardOf("item-1", 8)).isEqualTo(0);
    assertThat(ShardRouter.shardOf("商品-42", 3)).isEqualTo(0);
    assertThat(ShardRouter.shardOf("anything", 1)).isZero();
  }

  @Test
  void spreadsSequentialIdsEvenly() {
    int shards = 8;
    int[] counts = new int[shards];
    for (int i = 0; i < 80_000; i++) {
      counts[ShardRouter.shardOf("item-" + i, shards)]++;
    }
    // a fair split is 10,000 each; 3% is ~10 standard deviations of a binomial, so only a biased
    // hash fails
    for (int c : counts) {
      assertThat(c).isBetween(9_700, 10_300);
    }
  }

  @Test
  void manifestRefusesAnotherShardCountAndUnknownRouters(@TempDir Path root) throws Exception {
    ShardLayout.create(root, 4);
    assertThat(ShardLayout.create(root, 4).shards()).isEqualTo(4);
    assertThat(ShardLayout.read(root)).isEqualTo(new ShardLayout(root, 4));
    assertThatThrownBy(() -> ShardLayout.create(root, 2))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("4 shards");
    Files.writeString(root.resolve(ShardLayout.MANIFEST), "shards=4\nrouter=md5\n");
    assertThatThrownBy(() -> ShardLayout.read(root))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("md5");
    assertThat(new ShardLayout(root, 12).shardDir(3)).isEqualTo(root.resolve("shard-03"));
  }
}
