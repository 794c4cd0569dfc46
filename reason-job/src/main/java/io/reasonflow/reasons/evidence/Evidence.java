package io.reasonflow.reasons.evidence;

import java.util.List;

/**
 * Everything a reason for recommending {@code candidateId} to {@code userId} may say, each value
 * with its source.
 *
 * @param userId the shopper
 * @param candidateId the recommended item
 * @param candidateTitle its catalogue title
 * @param popularity its popularity bucket
 * @param anchors the shopper's recent items that relate to it, strongest link first (co-view
 *     figures that may be quoted first, then co-view strength, then vector similarity, then
 *     recency)
 * @param privacyMinShoppers the threshold co-view figures were checked against
 */
public record Evidence(
    String userId,
    String candidateId,
    String candidateTitle,
    Popularity popularity,
    List<AnchorEvidence> anchors,
    int privacyMinShoppers) {

  public Evidence {
    anchors = List.copyOf(anchors);
  }
}
