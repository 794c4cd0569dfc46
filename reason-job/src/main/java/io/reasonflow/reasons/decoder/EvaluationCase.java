package io.reasonflow.reasons.decoder;

import io.reasonflow.common.model.UserProfile;
import io.reasonflow.reasons.evidence.Evidence;

/**
 * One recommendation to explain: the shopper, the recommended item, and the evidence built for the
 * pair.
 */
public record EvaluationCase(UserProfile profile, String candidateId, Evidence evidence) {}
