package io.reasonflow.cli;

import io.reasonflow.common.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * docs/configuration.md, made from the reference file the code reads its defaults from, so the
 * documentation cannot drift from the behaviour (a test compares them).
 */
final class ReferenceDoc {
  private ReferenceDoc() {}

  static String markdown() {
    return """
        # Configuration reference

        Every key ReasonFlow reads, with its comment and default. This page is generated from
        `common/src/main/resources/reasonflow-reference.properties` by `./reasonflow config --reference-doc`
        (a test fails when they differ).

        How values combine: defaults (below) < a file given with `--config FILE` (Java properties syntax) < each
        `--set key=value` on the command line. An unknown key is an error that names the closest known key; a value of
        the wrong type is an error that names the key, the value and where it came from. `./reasonflow config` prints
        the effective configuration with the origin of every value.

        ```properties
        """
        + reference()
        + "```\n";
  }

  static String reference() {
    try (InputStream in = Config.class.getClassLoader().getResourceAsStream(Config.REFERENCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
