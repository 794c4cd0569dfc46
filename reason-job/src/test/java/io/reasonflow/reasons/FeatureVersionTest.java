package io.reasonflow.reasons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reasonflow.common.UserError;
import io.reasonflow.index.IndexBuilder;
import io.reasonflow.index.IndexSettings;
import io.reasonflow.index.IndexVersions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which feature-job output a reason task reads, before and after publishes. */
class FeatureVersionTest {
  @TempDir Path dir;

  @Test
  void aPlainOutputIsReadAsItIsAndNamedByItsDirectory() {
    TinyFeatures f = new TinyFeatures(dir.resolve("backfill-7"));
    FeatureVersion v = FeatureVersion.resolve(f.layout.root());
    assertThat(v.dir()).isEqualTo(f.layout.root());
    assertThat(v.label()).isEqualTo("backfill-7");
    assertThat(v.latest()).isEqualTo(v);
  }

  @Test
  void aVersionRootIsReadThroughItsPublishedIndexAndChangesWithAPublish() {
    Path root = dir.resolve("root");
    TinyFeatures a = new TinyFeatures(root.resolve("2026-11-28"));
    TinyFeatures b = new TinyFeatures(root.resolve("2026-12-05"));
    IndexBuilder.build(a.layout.items(), a.layout.index(), IndexSettings.DEFAULT);
    IndexBuilder.build(b.layout.items(), b.layout.index(), IndexSettings.DEFAULT);
    IndexVersions.publish(root, a.layout.index());

    FeatureVersion v = FeatureVersion.resolve(root);
    assertThat(v.label()).isEqualTo("2026-11-28");
    assertThat(v.layout().items()).exists();

    IndexVersions.publish(root, b.layout.index());
    FeatureVersion next = v.latest();
    assertThat(next).isNotEqualTo(v);
    assertThat(next.label()).isEqualTo("2026-12-05");
  }

  @Test
  void aPublishedIndexWithoutItsOutputsIsAUserError() {
    Path root = dir.resolve("root");
    TinyFeatures a = new TinyFeatures(dir.resolve("elsewhere"));
    Path bare = root.resolve("bare");
    IndexBuilder.build(a.layout.items(), bare, IndexSettings.DEFAULT);
    IndexVersions.publish(root, bare);

    assertThatThrownBy(() -> FeatureVersion.resolve(root))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("not a feature job's output")
        .hasMessageContaining("publish a backfill's <out>/index");
  }
}
