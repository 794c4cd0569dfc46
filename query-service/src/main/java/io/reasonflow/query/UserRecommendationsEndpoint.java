package io.reasonflow.query;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.common.model.StoredRecommendation;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.index.ItemSchema;
import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.SearchHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/users/{id}/recommendations?k=&locale=}: the reason job's stored recommendations
 * (with their reasons) when the user has any; otherwise the items nearest to the user's profile
 * vector, the items they already saw excluded. The {@code source} field says which.
 *
 * <p>{@code locale} ({@code en} or {@code zh-CN}; another value is a 400) asks for the reasons in
 * that language: each stored record is answered with the reason, realiser, template and claims the
 * reason job wrote and verified in it (its {@code otherLocales}, see {@code reasons.locales}), and
 * without {@code otherLocales}. A record written without that language keeps its own, which its
 * {@code locale} field names, and its item id is listed in the body's {@code notInLocale} (as are
 * all profile-vector hits outside {@code en}: their {@code why} is English). Without {@code locale}
 * the records are served exactly as stored.
 */
final class UserRecommendationsEndpoint implements Handler {
  static final String PATH = "/v1/users/{id}/recommendations";
  private static final Set<String> PARAMS = Set.of("k", "locale");

  /**
   * The reason job's languages (its {@code ReasonLocale}); the service has no dependency on the
   * job.
   */
  static final List<String> LOCALES = List.of("en", "zh-CN");

  private final ServedIndex index;
  private final ServedProfiles profiles;
  private final StoredRecommendations stored;

  UserRecommendationsEndpoint(
      ServedIndex index, ServedProfiles profiles, StoredRecommendations stored) {
    this.index = index;
    this.profiles = profiles;
    this.stored = stored;
  }

  @Override
  public void handle(Context ctx) {
    QueryParams.allowOnly(ctx, PARAMS);
    int k = QueryParams.k(ctx);
    String userId = ctx.pathParam("id");
    String locale = locale(ctx);

    Json.Body recommendations;
    String source;
    List<String> notInLocale = new ArrayList<>();
    if (stored.has(userId)) {
      List<StoredRecommendation> recs = new ArrayList<>();
      for (StoredRecommendation r : stored.top(userId, k)) {
        if (locale == null) {
          recs.add(r);
          continue;
        }
        if (!r.otherLocales().containsKey(locale) && !locale.equals(r.locale())) {
          notInLocale.add(r.itemId());
        }
        recs.add(r.in(locale));
      }
      source = "stored";
      recommendations = g -> g.writeObject(recs);
    } else {
      UserProfile p =
          profiles
              .get(userId)
              .orElseThrow(() -> ApiException.notFound("unknown user id: " + userId));
      List<SearchHit> hits = nearest(p, k);
      source = "profile-vector";
      recommendations = g -> writeHits(g, hits);
      if (locale != null && !locale.equals("en")) {
        hits.forEach(h -> notInLocale.add(h.itemId()));
      }
    }
    Json.write(
        ctx,
        200,
        g -> {
          g.writeStartObject();
          g.writeStringField("userId", userId);
          g.writeNumberField("k", k);
          g.writeStringField("source", source);
          if (locale != null) {
            g.writeStringField("locale", locale);
            g.writeObjectField("notInLocale", notInLocale);
          }
          g.writeFieldName("recommendations");
          recommendations.writeTo(g);
          g.writeEndObject();
        });
  }

  /** The {@code locale} parameter in its canonical spelling, or null when absent. */
  private static String locale(Context ctx) {
    String raw = ctx.queryParam("locale");
    if (raw == null) {
      return null;
    }
    for (String l : LOCALES) {
      if (l.equalsIgnoreCase(raw.strip())) {
        return l;
      }
    }
    throw ApiException.badRequest(
        "locale must be one of " + String.join(", ", LOCALES) + ", not '" + raw + "'");
  }

  private List<SearchHit> nearest(UserProfile p, int k) {
    if (ItemSchema.unitOrNull(p.vector()) == null) {
      return List.of();
    }
    return index.read(
        s -> {
          Optional<Integer> dim = s.vectorDimension();
          if (dim.isPresent() && dim.get() != p.vector().length) {
            throw new ApiException(
                409,
                "the profile of user "
                    + p.userId()
                    + " has "
                    + p.vector().length
                    + " dimensions but the index has "
                    + dim.get()
                    + " (profile model version "
                    + p.modelVersion()
                    + " does not match the index)");
          }
          return s.nearest(p.vector(), k, new HashSet<>(p.seenItems()), ItemFilter.NONE);
        });
  }

  private static void writeHits(JsonGenerator g, List<SearchHit> hits) throws IOException {
    g.writeStartArray();
    int rank = 1;
    for (SearchHit h : hits) {
      g.writeStartObject();
      Json.hitFields(
          g,
          h,
          "embedding cosine "
              + Json.cosine(h.score())
              + " to your profile (items you already interacted with are left out)");
      g.writeNumberField("rank", rank++);
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
