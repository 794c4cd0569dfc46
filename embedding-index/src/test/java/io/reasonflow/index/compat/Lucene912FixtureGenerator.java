package io.reasonflow.index.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reasonflow.common.model.Item;
import io.reasonflow.index.ItemSchema;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the committed Lucene 9.12 fixture; not part of the normal test run. How to run it is
 * in {@code src/test/resources/lucene912-fixture/README.md}: the {@code lucene912-fixture} Maven
 * profile copies the 9.12 jars and sets {@code rf.lucene912.jars} and {@code rf.lucene912.out}.
 *
 * <p>The writer runs in a classloader whose parent is the platform loader, so it sees Lucene 9.12
 * and never the 10.x on the test classpath; the project's own classes (the item schema) and Jackson
 * are loaded again inside it.
 */
@EnabledIfSystemProperty(named = "rf.lucene912.jars", matches = ".+")
class Lucene912FixtureGenerator {
  @Test
  void writeFixture() throws Exception {
    Path jars = Path.of(System.getProperty("rf.lucene912.jars"));
    Path out = Path.of(System.getProperty("rf.lucene912.out"));
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> s = Files.list(jars)) {
      for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        assertThat(jar.getFileName().toString()).contains("9.12");
        urls.add(jar.toUri().toURL());
      }
    }
    for (Class<?> c :
        List.of(
            Lucene912FixtureWriter.class,
            ItemSchema.class,
            Item.class,
            ObjectMapper.class,
            JsonParser.class,
            JsonProperty.class)) {
      urls.add(c.getProtectionDomain().getCodeSource().getLocation());
    }
    clean(out);
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    try (URLClassLoader lucene912 =
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      t.setContextClassLoader(lucene912);
      Object version =
          lucene912
              .loadClass(Lucene912FixtureWriter.class.getName())
              .getMethod("write", Path.class)
              .invoke(null, out);
      assertThat(version).hasToString("9.12.3");
    } finally {
      t.setContextClassLoader(previous);
    }
    // Lucene leaves its (released) lock file behind; it is no part of the index
    Files.deleteIfExists(out.resolve("write.lock"));
  }

  /** Removes the previous index files, keeping the README. */
  private static void clean(Path out) throws IOException {
    Files.createDirectories(out);
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : s.toList()) {
        if (!p.getFileName().toString().equals("README.md")) {
          Files.delete(p);
        }
      }
    }
  }
}
