package io.reasonflow.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.search.SearchHit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * JSON bodies: written here, with Jackson, so the service does not depend on Javalin's optional
 * JSON mapper.
 */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Context attribute set once a handler has written its own body, so the 404 fallback leaves it
   * alone.
   */
  static final String WRITTEN = "rf.body.written";

  /**
   * A body written field by field. Result lists are written this way rather than built as maps to
   * serialise: building and serialising a map per hit took about a tenth of a similar-items
   * request's CPU.
   */
  @FunctionalInterface
  interface Body {
    void writeTo(JsonGenerator g) throws IOException;
  }

  private Json() {}

  static void write(Context ctx, int status, Body body) {
    // into a buffer first, so a failure half way answers a clean error instead of a truncated 200
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      body.writeTo(g);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode response", e);
    }
    ctx.status(status).contentType("application/json").result(out.toByteArray());
    ctx.attribute(WRITTEN, Boolean.TRUE);
  }

  static void write(Context ctx, int status, Object body) {
    write(ctx, status, g -> g.writeObject(body));
  }

  static void error(Context ctx, int status, String message) {
    ctx.status(status).contentType("application/json").result(errorBody(status, message));
    ctx.attribute(WRITTEN, Boolean.TRUE);
  }

  /** {@code {"error": message, "status": status}}, the body of every refusal. */
  static byte[] errorBody(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("status", status);
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an error body", e);
    }
  }

  /**
   * A hit's fields, into the object being written: its score, why it matched, and the catalogue
   * facts a client shows. The caller opens and closes the object, so it can add fields of its own.
   */
  static void hitFields(JsonGenerator g, SearchHit h, String why) throws IOException {
    g.writeStringField("itemId", h.itemId());
    g.writeNumberField("score", h.score());
    g.writeStringField("matchedBy", h.matchedBy());
    g.writeStringField("why", why);
    itemFacts(g, h.item());
  }

  private static void itemFacts(JsonGenerator g, ItemFeatures f) throws IOException {
    Item item = f.item();
    g.writeStringField("title", item.displayName());
    g.writeStringField("brand", item.brand());
    g.writeArrayFieldStart("category");
    for (String level : item.categoryPath()) {
      g.writeString(level);
    }
    g.writeEndArray();
    if (item.hasPrice()) {
      g.writeNumberField("price", item.price());
    } else {
      g.writeNullField("price");
    }
    g.writeNumberField("popularity", f.shoppers());
    g.writeStringField("vectorSource", f.vectorSource().name().toLowerCase(Locale.ROOT));
    g.writeNumberField("modelVersion", f.modelVersion());
  }

  /**
   * Cosine rounded to three decimals for prose, as {@code %.3f} writes it (a negative score keeps
   * its sign even when it rounds to zero); the exact value is in {@code score}. Not {@code
   * String.format}: it parses its pattern on every call, and every hit of every request has one.
   */
  static String cosine(float score) {
    long thousandths = Math.round(Math.abs((double) score) * 1000);
    String sign = Float.compare(score, 0f) < 0 ? "-" : "";
    long fraction = thousandths % 1000;
    return sign
        + thousandths / 1000
        + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".")
        + fraction;
  }
}
