package io.reasonflow.reasons.evidence;

import io.reasonflow.common.model.EventType;
import java.util.List;

/**
 * What links one of the shopper's recent items (an anchor) to a candidate. Figures under the
 * privacy threshold are absent ({@code null}), not merely flagged: the evidence is written out and
 * shown in reports.
 *
 * @param itemId the anchor
 * @param title the anchor's catalogue title
 * @param action what the shopper did with it
 * @param source where the anchor is in the profile, e.g. {@code profile.recent[2]}
 * @param coViewStatus whether a co-view figure exists and may be quoted
 * @param coViews distinct shoppers with both items in one session; null unless QUOTABLE
 * @param anchorShoppers the anchor's distinct shoppers
 * @param share coViews as "1 in N" of the anchor's shoppers; null unless QUOTABLE
 * @param lift how many times likelier the candidate is among the anchor's shoppers than among all
 *     shoppers; null unless QUOTABLE and the shopper total is known
 * @param similarity cosine of the two item vectors
 * @param sharedTerms salient title terms in both titles, rarest first
 * @param relation SUBSTITUTE, COMPLEMENT or RELATED by {@link RelationRule}
 */
public record AnchorEvidence(
    String itemId,
    String title,
    EventType action,
    String source,
    CoViewStatus coViewStatus,
    Sourced<Integer> coViews,
    Sourced<Integer> anchorShoppers,
    Share share,
    Sourced<Double> lift,
    Sourced<Double> similarity,
    Sourced<List<String>> sharedTerms,
    Sourced<Relation> relation) {

  public boolean quotable() {
    return coViewStatus == CoViewStatus.QUOTABLE;
  }
}
