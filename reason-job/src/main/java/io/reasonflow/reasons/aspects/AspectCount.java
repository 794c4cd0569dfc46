package io.reasonflow.reasons.aspects;

import java.util.List;

/**
 * How an item's reviewers judge one aspect: each review counts once, by the sign of its mentions'
 * summed scores (a review that praises and complains equally counts for neither).
 *
 * @param aspect the aspect's key
 * @param praising reviewers whose review praises it
 * @param complaining reviewers whose review complains of it
 * @param praisingReviews the ids of the praising reviews (provenance), sorted
 */
public record AspectCount(
    String aspect, int praising, int complaining, List<String> praisingReviews) {
  public AspectCount {
    praisingReviews = List.copyOf(praisingReviews);
  }
}
