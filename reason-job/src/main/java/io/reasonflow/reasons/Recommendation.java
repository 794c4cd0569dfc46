package io.reasonflow.reasons;

import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.realise.Claim;
import java.util.List;

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
    List<Claim> claims) {}
