package io.reasonflow.reasons;

import java.nio.file.Path;

/**
 * What a reason-job run did.
 *
 * @param users shoppers processed
 * @param usersWithoutRecommendations shoppers who got none (no recent item in the catalogue, nothing unseen near)
 * @param recommendations lines written
 * @param rejectedReasons reasons dropped by the verifier (should be 0)
 * @param recommendationsFile the JSON-lines output
 * @param reportFile the HTML report of the first users
 */
public record ReasonJobResult(
    long users,
    long usersWithoutRecommendations,
    long recommendations,
    long rejectedReasons,
    Path recommendationsFile,
    Path reportFile) {}
