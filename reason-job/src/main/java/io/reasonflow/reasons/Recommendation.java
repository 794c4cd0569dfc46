package io.reasonflow.reasons;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.realise.Claim;
import java.util.List;
import java.util.Map;

/**
 * One line of the reason job's {@code recommendations/part-*.jsonl.gz}: an item for a shopper, with a verified
 * reason and its evidence.
 *
 * @param userId the shopper
 * @param rank 1 = first
 * @param itemId the recommended item
 * @param title its catalogue title
 * @param score candidate relevance (before MMR re-ranking)
 * @param reason the reason shown to the shopper
 * @param locale the reason's language tag
 * @param realiser which realiser wrote it ({@code template})
 * @param template the template (or decoder) id
 * @param via how the candidate was found
 * @param evidence the structured evidence the reason was written and verified from
 * @param claims what the reason asserts (which anchor, which figure, ...), each checked by the verifier
 * @param otherLocales the same recommendation's reason in each further language of {@code reasons.locales}, by
 *     language tag, each realised from the same evidence and verified in its own language; a language whose reason
 *     did not verify is absent. Left out of the JSON when empty, so a one-language record reads as before.
 */
public record Recommendation(
    String userId,
    int rank,
    String itemId,
    String title,
    double score,
    String reason,
    String locale,
    String realiser,
    String template,
    List<String> via,
    Evidence evidence,
    List<Claim> claims,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, InLocale> otherLocales) {

  public Recommendation {
    otherLocales = otherLocales == null ? Map.of() : Map.copyOf(otherLocales);
  }

  /** A recommendation in {@code reasons.locale} only. */
  public Recommendation(String userId, int rank, String itemId, String title, double score, String reason,
      String locale, String realiser, String template, List<String> via, Evidence evidence, List<Claim> claims) {
    this(userId, rank, itemId, title, score, reason, locale, realiser, template, via, evidence, claims, Map.of());
  }

  /**
   * The reason in one further language: the fields that differ by language, with the meaning they have at the top
   * of the record (the evidence and the candidate are the same in every language).
   */
  public record InLocale(String reason, String realiser, String template, List<Claim> claims) {}
}
