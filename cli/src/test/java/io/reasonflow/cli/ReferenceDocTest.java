package io.reasonflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReferenceDocTest {
  @Test
  void docsConfigurationMdIsTheReferenceFile() throws Exception {
    Path doc = Path.of(System.getProperty("rf.repo.root", "..")).resolve("docs/configuration.md");
    assertThat(Files.readString(doc))
        .as(
            "docs/configuration.md is stale: run ./reasonflow config --reference-doc > docs/configuration.md")
        .isEqualTo(ReferenceDoc.markdown());
  }
}
