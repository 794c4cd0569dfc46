package io.reasonflow.reasons.realise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reasonflow.common.io.ItemFileReader;
import io.reasonflow.common.model.Item;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every name over the whole Beauty catalogue (12,101 items), checked by rules written independently of
 * {@link ItemNamer}: no name ends on a function word, a number or size, or a broken token, and none carries an HTML
 * character reference or marketing noise. Prints 100 random names (seeded) for docs/benchmarks.md.
 */
class BeautyCatalogueNamesTest {
  /** The shared data, found upwards from the module directory (worktrees sit one level deeper than main). */
  static Path shared(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared/data").resolve(relative);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return Path.of(System.getProperty("rf.shared.data", "../../shared/data"), relative);
  }
  private static final Set<String> FUNCTION = Set.of("a", "an", "and", "the", "of", "for", "with", "by", "in", "on",
      "to", "or", "from", "at", "as", "your", "our", "plus", "&", "+", "w/", "x");
  private static final Pattern NUMBER_OR_SIZE = Pattern.compile(
      "(?i)[\\d.,/%-]+|[\\d.]+-?(oz|ml|fl|g|mg|ounce|ounces|lb|inch|ct|pack|count)\\.?|oz\\.?|ounces?|ml|fl\\.?|pack|count|pcs");
  private static final Pattern BROKEN = Pattern.compile(".*[-/(~+]$|^\\W$");
  private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x\\p{XDigit}+|[a-zA-Z]+);");
  private static final Pattern NOISE = Pattern.compile("(?i)sale!|#1\\b|as seen on tv|★|pack of \\d");

  @Test
  void noNameDanglesOrCarriesEntitiesOrNoise() throws Exception {
    Path items = shared("amazon-beauty-2014/items.tsv.gz");
    assumeTrue(Files.isRegularFile(items), "the shared Beauty catalogue is not here");
    List<String> titles = new ArrayList<>();
    new ItemFileReader().read(items, (Item i) -> titles.add(i.displayName()), d -> { });
    ItemNamer namer = ItemNamer.over(titles);
    List<String> bad = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int typed = 0;
    for (String t : titles) {
      for (ReasonLocale locale : ReasonLocale.values()) {
        String name = namer.name(t, locale);
        String[] words = name.split("\\s+");
        String last = words[words.length - 1].toLowerCase(Locale.ROOT);
        if (name.isBlank() || FUNCTION.contains(last) || NUMBER_OR_SIZE.matcher(last).matches()
            || BROKEN.matcher(last).matches() || ENTITY.matcher(name).find() || NOISE.matcher(name).find()) {
          bad.add(name + "  <-  " + t);
        }
        if (locale == ReasonLocale.EN) {
          names.add(name + "  <-  " + t);
          typed += namer.type(t).isPresent() && namer.brand(t).isPresent() ? 1 : 0;
        }
      }
    }
    Collections.shuffle(names, new Random(13));
    System.out.printf("names: %d titles, %d named by brand + type (%.1f%%), %d dangling%n", titles.size(), typed,
        100.0 * typed / titles.size(), bad.size());
    names.subList(0, 100).forEach(n -> System.out.println("NAME  " + n));
    assertThat(bad).as("names that dangle or carry entities/noise").isEmpty();
  }
}
