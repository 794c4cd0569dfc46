package io.reasonflow.reasons;

import java.nio.file.Path;

/**
 * What a reason-job run did.
 *
 * @param users shoppers processed
 * @param usersWithoutRecommendations shoppers who got none (no recent item in the catalogue,
 *     nothing unseen near)
 * @param recommendations lines written
 * @param rejectedReasons reasons dropped by the verifier (should be 0)
 * @param realiser who wrote the reasons ({@code reasons.realiser}: template or decoder)
 * @param decoderAccepted reasons the decoder wrote that verified (0 with templates)
 * @param decoderBeamsRejected decoder beams the verifier rejected, each retried with the next beam
 * @param templateFallbacks reasons the templates wrote because no decoder beam verified
 * @param decoderMemoHits decodings the decoder's beam memo answered without running the network
 * @param decoderMemoMisses decodings the network ran
 * @param recommendationsFile the JSON-lines output
 * @param reportFile the HTML report of the first users
 */
public record ReasonJobResult(
    long users,
    long usersWithoutRecommendations,
    long recommendations,
    long rejectedReasons,
    String realiser,
    long decoderAccepted,
    long decoderBeamsRejected,
    long templateFallbacks,
    long decoderMemoHits,
    long decoderMemoMisses,
    Path recommendationsFile,
    Path reportFile) {}
