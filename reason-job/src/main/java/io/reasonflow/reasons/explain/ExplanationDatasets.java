package io.reasonflow.reasons.explain;

import io.reasonflow.common.UserError;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The shipped explanation data sets by locale, read from the shared data directory: "en" from
 * {@code amazon-instruments-2014}, "zh-CN" from {@code zh-shopping-reviews}.
 */
public final class ExplanationDatasets {
  private ExplanationDatasets() {}

  /**
   * @param data the shared data directory (e.g. {@code ../shared/data})
   * @param locale "en" or "zh-CN"
   * @param seed the split seed ({@link ReviewSplit#DEFAULT_SEED})
   * @param progress receives progress lines
   */
  public static ExplanationDataset load(
      Path data, String locale, long seed, Consumer<String> progress) {
    return switch (locale) {
      case "en" ->
          EnglishExampleBuilder.read(data.resolve("amazon-instruments-2014"), seed, progress);
      case "zh-CN", "zh" ->
          ChineseExampleBuilder.read(data.resolve("zh-shopping-reviews"), seed, progress);
      default -> throw new UserError("--locale must be en or zh-CN, not " + locale);
    };
  }
}
