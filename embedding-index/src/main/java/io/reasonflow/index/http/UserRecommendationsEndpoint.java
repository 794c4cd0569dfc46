package io.reasonflow.index.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.index.ItemSchema;
import io.reasonflow.index.search.ItemFilter;
import io.reasonflow.index.search.SearchHit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final Profiles profiles;
  private final StoredRecommendations stored;

  UserRecommendationsEndpoint(ServedIndex index, Profiles profiles, StoredRecommendations stored) {
    this.index = index;
    this.profiles = profiles;
    this.stored = stored;
  }

  @Override
  public void handle(Context ctx) {
    QueryParams.allowOnly(ctx, PARAMS);
    int k = QueryParams.k(ctx);
    String userId = ctx.pathParam("id");

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", userId);
    body.put("k", k);
    if (stored.has(userId)) {
      List<JsonNode> recs = stored.top(userId, k);
      body.put("source", "stored");
      body.put("recommendations", recs);
    } else {
      UserProfile p = profiles.get(userId).orElseThrow(() -> ApiException.notFound("unknown user id: " + userId));
      body.put("source", "profile-vector");
      body.put("recommendations", nearest(p, k));
    }
    Json.write(ctx, 200, body);
  }

  private List<Map<String, Object>> nearest(UserProfile p, int k) {
    if (ItemSchema.unitOrNull(p.vector()) == null) {
      return List.of();
    }
    List<SearchHit> hits = index.read(s -> {
      Optional<Integer> dim = s.vectorDimension();
      if (dim.isPresent() && dim.get() != p.vector().length) {
        throw new ApiException(409, "the profile of user " + p.userId() + " has " + p.vector().length
            + " dimensions but the index has " + dim.get() + " (profile model version " + p.modelVersion()
            + " does not match the index)");
      }
      return s.nearest(p.vector(), k, new HashSet<>(p.seenItems()), ItemFilter.NONE);
    });
    List<Map<String, Object>> out = new ArrayList<>(hits.size());
    int rank = 1;
    for (SearchHit h : hits) {
      Map<String, Object> m = Json.hit(h, "embedding cosine " + Json.cosine(h.score())
          + " to your profile (items you already interacted with are left out)");
      m.put("rank", rank++);
      out.add(m);
    }
    return out;
  }
}
