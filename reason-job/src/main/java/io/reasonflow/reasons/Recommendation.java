package io.reasonflow.reasons;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.reasonflow.common.model.StoredRecommendation;
import io.reasonflow.common.store.JsonLines;
import io.reasonflow.reasons.evidence.Evidence;
import io.reasonflow.reasons.realise.Claim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the reason job's {@code recommendations/part-*.jsonl.gz}: an item for a shopper, with
 * a verified reason and its evidence. In JSON it is a {@link StoredRecommendation}, the record the
 * query service reads: it is written as one ({@link #stored}) and read back from one ({@link
 * #fromStored}), so the job and the service cannot disagree on a field's name.
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
 * @param claims what the reason asserts (which anchor, which figure, ...), each checked by the
 *     verifier
 * @param otherLocales the same recommendation's reason in each further language of {@code
 *     reasons.locales}, by language tag, each realised from the same evidence and verified in its
 *     own language; a language whose reason did not verify is absent. Left out of the JSON when
 *     empty, so a one-language record reads as before.
 * @param featuresVersion the feature-job output (version) the evidence was read from, set by the
 *     operator that knows it ({@link #withFeaturesVersion}); null when not recorded
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
    Map<String, InLocale> otherLocales,
    String featuresVersion) {

  public Recommendation {
    otherLocales = otherLocales == null ? Map.of() : Map.copyOf(otherLocales);
  }

  /** This recommendation as read from the feature-job output {@code version}. */
  public Recommendation withFeaturesVersion(String version) {
    return new Recommendation(
        userId,
        rank,
        itemId,
        title,
        score,
        reason,
        locale,
        realiser,
        template,
        via,
        evidence,
        claims,
        otherLocales,
        version);
  }

  /** This recommendation as the line the job writes and the service reads. */
  @JsonValue
  public StoredRecommendation stored() {
    Map<String, StoredRecommendation.InLocale> others = new LinkedHashMap<>();
    otherLocales.forEach(
        (tag, l) ->
            others.put(
                tag,
                new StoredRecommendation.InLocale(
                    l.reason(), l.realiser(), l.template(), tree(l.claims()))));
    return new StoredRecommendation(
        userId,
        rank,
        itemId,
        title,
        score,
        reason,
        locale,
        realiser,
        template,
        via,
        evidence == null ? null : JsonLines.MAPPER.valueToTree(evidence),
        tree(claims),
        others,
        featuresVersion);
  }

  /** A line this job wrote, with its evidence and claims typed again. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Recommendation fromStored(StoredRecommendation s) {
    Map<String, InLocale> others = new LinkedHashMap<>();
    s.otherLocales()
        .forEach(
            (tag, l) ->
                others.put(
                    tag, new InLocale(l.reason(), l.realiser(), l.template(), claims(l.claims()))));
    return new Recommendation(
        s.userId(),
        s.rank(),
        s.itemId(),
        s.title(),
        s.score() == null ? 0 : s.score(),
        s.reason(),
        s.locale(),
        s.realiser(),
        s.template(),
        s.via(),
        s.evidence() == null ? null : JsonLines.MAPPER.convertValue(s.evidence(), Evidence.class),
        claims(s.claims()),
        others,
        s.featuresVersion());
  }

  /**
   * The claims as the list they are declared as, so each one carries its kind ({@code "claim"}).
   */
  private JsonNode tree(List<Claim> claims) {
    if (claims == null) {
      return null;
    }
    try (TokenBuffer buffer = new TokenBuffer(JsonLines.MAPPER, false)) {
      JsonLines.MAPPER.writerFor(CLAIMS).writeValue(buffer, claims);
      return JsonLines.MAPPER.readTree(buffer.asParser());
    } catch (IOException e) {
      throw new UncheckedIOException("claims of " + userId + "/" + itemId + " to JSON", e);
    }
  }

  private static List<Claim> claims(JsonNode tree) {
    return tree == null ? null : CLAIM_READER.convertValue(tree, CLAIMS);
  }

  private static final TypeReference<List<Claim>> CLAIMS = new TypeReference<>() {};

  /**
   * A claim names its kind by simple class name ({@link Claim}): the reader knows the kinds there
   * are.
   */
  private static final ObjectMapper CLAIM_READER = claimReader();

  private static ObjectMapper claimReader() {
    ObjectMapper m = JsonLines.MAPPER.copy();
    registerKinds(m, Claim.class);
    return m;
  }

  /**
   * Every record under the sealed {@code type}, also those under its sealed sub-interfaces
   * (Claim.AboutAnchor).
   */
  private static void registerKinds(ObjectMapper m, Class<?> type) {
    for (Class<?> kind : type.getPermittedSubclasses()) {
      if (kind.isSealed()) {
        registerKinds(m, kind);
      } else {
        m.registerSubtypes(kind);
      }
    }
  }

  /**
   * The reason in one further language: the fields that differ by language, with the meaning they
   * have at the top of the record (the evidence and the candidate are the same in every language).
   */
  public record InLocale(String reason, String realiser, String template, List<Claim> claims) {}
}
