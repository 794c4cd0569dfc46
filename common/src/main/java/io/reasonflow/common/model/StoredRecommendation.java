package io.reasonflow.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.reasonflow.common.store.JsonLines;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One line of the reason job's {@code recommendations/part-*.jsonl.gz} (and one record on its
 * reasons topic): the JSON field names the job writes ({@code Recommendation} serialises through
 * this record) and the query service reads. One record on both sides, so a field cannot be renamed
 * for one of them only. The evidence and the claims are the job's typed objects; here they are JSON
 * trees, which the service serves as they are.
 *
 * <p>A field the job left null is left out of the line.
 *
 * @param userId the shopper
 * @param rank 1 = first
 * @param itemId the recommended item
 * @param title its catalogue title
 * @param score candidate relevance (before MMR re-ranking)
 * @param reason the reason shown to the shopper
 * @param locale the reason's language tag
 * @param realiser which realiser wrote it
 * @param template the template (or decoder) id
 * @param via how the candidate was found
 * @param evidence the structured evidence the reason was written and verified from
 * @param claims what the reason asserts, each checked by the verifier (an array of objects tagged
 *     {@code claim})
 * @param otherLocales the reason in each further language of {@code reasons.locales}, by language
 *     tag; left out of the line when empty
 * @param featuresVersion the feature-job output the evidence was read from: its path under the
 *     version root a streaming reason job follows, or the output directory's name; null in lines
 *     written before versions were recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredRecommendation(
    String userId,
    int rank,
    String itemId,
    String title,
    Double score,
    String reason,
    String locale,
    String realiser,
    String template,
    List<String> via,
    JsonNode evidence,
    JsonNode claims,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, InLocale> otherLocales,
    String featuresVersion) {

  public StoredRecommendation {
    otherLocales = otherLocales == null ? Map.of() : Map.copyOf(otherLocales);
  }

  /**
   * The reason in one further language: the fields that differ by language, with the meaning they
   * have at the top of the record (the evidence and the candidate are the same in every language).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InLocale(String reason, String realiser, String template, JsonNode claims) {}

  /**
   * This recommendation as written in {@code language}: the reason, realiser, template and claims
   * of its {@code otherLocales} entry, or unchanged when it has none; without {@code otherLocales}
   * either way.
   */
  public StoredRecommendation in(String language) {
    InLocale l = otherLocales.get(language);
    boolean own = l == null;
    return new StoredRecommendation(
        userId,
        rank,
        itemId,
        title,
        score,
        own ? reason : l.reason(),
        own ? locale : language,
        own ? realiser : l.realiser(),
        own ? template : l.template(),
        via,
        evidence,
        own ? claims : l.claims(),
        Map.of(),
        featuresVersion);
  }

  /** Every line of {@code file}: a {@code .jsonl(.gz)} file or a directory of part files. */
  public static void forEach(Path file, Consumer<StoredRecommendation> action) {
    JsonLines.forEach(file, StoredRecommendation.class, action);
  }
}
