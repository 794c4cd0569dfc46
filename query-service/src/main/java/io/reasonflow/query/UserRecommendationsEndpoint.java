package io.reasonflow.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.index.ItemSchema;
import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.SearchHit;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/users/{id}/recommendations?k=}: the reason job's stored recommendations (with their reasons) when
 * the user has any; otherwise the items nearest to the user's profile vector, the items they already saw excluded.
 * The {@code source} field says which.
 */
final class UserRecommendationsEndpoint implements Handler {
  static final String PATH = "/v1/users/{id}/recommendations";
  private static final Set<String> PARAMS = Set.of("k");

  private final ServedIndex index;
  private final ServedProfiles profiles;
  private final StoredRecommendations stored;

  UserRecommendationsEndpoint(ServedIndex index, ServedProfiles profiles, StoredRecommendations stored) {
    this.index = index;
    this.profiles = profiles;
    this.stored = stored;
  }

  @Override
  public void handle(Context ctx) {
    QueryParams.allowOnly(ctx, PARAMS);
    int k = QueryParams.k(ctx);
    String userId = ctx.pathParam("id");

    Json.Body recommendations;
    String source;
    if (stored.has(userId)) {
      List<JsonNode> recs = stored.top(userId, k);
      source = "stored";
      recommendations = g -> g.writeObject(recs);
    } else {
      UserProfile p = profiles.get(userId).orElseThrow(() -> ApiException.notFound("unknown user id: " + userId));
      List<SearchHit> hits = nearest(p, k);
      source = "profile-vector";
      recommendations = g -> writeHits(g, hits);
    }
    Json.write(ctx, 200, g -> {
      g.writeStartObject();
      g.writeStringField("userId", userId);
      g.writeNumberField("k", k);
      g.writeStringField("source", source);
      g.writeFieldName("recommendations");
      recommendations.writeTo(g);
      g.writeEndObject();
    });
  }

  private List<SearchHit> nearest(UserProfile p, int k) {
    if (ItemSchema.unitOrNull(p.vector()) == null) {
      return List.of();
    }
    return index.read(s -> {
      Optional<Integer> dim = s.vectorDimension();
      if (dim.isPresent() && dim.get() != p.vector().length) {
        throw new ApiException(409, "the profile of user " + p.userId() + " has " + p.vector().length
            + " dimensions but the index has " + dim.get() + " (profile model version " + p.modelVersion()
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
      Json.hitFields(g, h, "embedding cosine " + Json.cosine(h.score())
          + " to your profile (items you already interacted with are left out)");
      g.writeNumberField("rank", rank++);
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
