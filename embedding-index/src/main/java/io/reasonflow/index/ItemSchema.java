package io.reasonflow.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reasonflow.common.model.CoView;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;

/**
 * The Lucene document of an item: one document per item id. Searchable fields serve filters and
 * BM25; stored fields hold everything needed to rebuild the exact {@link ItemFeatures}, including
 * the raw vector, because the indexed vector is L2-normalised (the graph uses {@link
 * VectorSimilarityFunction#DOT_PRODUCT}, which equals cosine on unit vectors and is cheaper).
 */
public final class ItemSchema {
  public static final String ID = "id";
  public static final String TITLE = "title";

  /** Stored original brand. */
  public static final String BRAND = "brand";

  /** Lower-cased brand keyword, for case-insensitive filters. */
  public static final String BRAND_KEY = "brand_kw";

  /** Stored category path, root first, one value a level. */
  public static final String CATEGORY = "category";

  /** Lower-cased keyword of every category level, so a filter on any level of the path matches. */
  public static final String CATEGORY_KEY = "category_kw";

  /** Stored price, NaN when unknown. */
  public static final String PRICE = "price";

  /** Indexed price points, only for known prices (Lucene wants one structure per field name). */
  public static final String PRICE_POINT = "price_point";

  public static final String SHOPPERS = "shoppers";
  public static final String MODEL_VERSION = "model_version";
  public static final String VECTOR_SOURCE = "vector_source";

  /** The unit-length vector in the HNSW graph. */
  public static final String VECTOR = "vector";

  /** The vector exactly as given, little-endian float32. */
  public static final String VECTOR_RAW = "vector_raw";

  public static final String CO_VIEWS = "coviews";

  public static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());

  private ItemSchema() {}

  public static Term idTerm(String itemId) {
    return new Term(ID, itemId);
  }

  /** Keyword form of brand and category values: filters compare case-insensitively. */
  public static String keyword(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }

  public static Document toDocument(ItemFeatures f) {
    Item item = f.item();
    Document d = new Document();
    d.add(new StringField(ID, item.id(), Field.Store.YES));
    d.add(new TextField(TITLE, item.title(), Field.Store.YES));
    if (item.brand() != null) {
      d.add(new StoredField(BRAND, item.brand()));
      d.add(new StringField(BRAND_KEY, keyword(item.brand()), Field.Store.NO));
    }
    for (String level : item.categoryPath()) {
      d.add(new StoredField(CATEGORY, level));
      d.add(new StringField(CATEGORY_KEY, keyword(level), Field.Store.NO));
    }
    // An unknown price is stored but not indexed, so no price range ever matches it.
    d.add(new StoredField(PRICE, item.price()));
    if (item.hasPrice()) {
      d.add(new DoublePoint(PRICE_POINT, item.price()));
    }
    d.add(new IntField(SHOPPERS, f.shoppers(), Field.Store.YES));
    d.add(new LongField(MODEL_VERSION, f.modelVersion(), Field.Store.YES));
    d.add(new StringField(VECTOR_SOURCE, f.vectorSource().name(), Field.Store.YES));
    d.add(new StoredField(VECTOR_RAW, floatsToBytes(f.vector())));
    float[] unit = unitOrNull(f.vector());
    if (unit != null) {
      d.add(new KnnFloatVectorField(VECTOR, unit, SIMILARITY));
    }
    d.add(new StoredField(CO_VIEWS, coViewsToJson(f.coViews())));
    return d;
  }

  public static ItemFeatures fromDocument(Document d) {
    Item item =
        new Item(
            d.get(ID),
            d.get(TITLE),
            d.get(BRAND),
            Arrays.asList(d.getValues(CATEGORY)),
            d.getField(PRICE).numericValue().doubleValue());
    return new ItemFeatures(
        item,
        bytesToFloats(d.getBinaryValue(VECTOR_RAW)),
        d.getField(MODEL_VERSION).numericValue().longValue(),
        ItemFeatures.VectorSource.valueOf(d.get(VECTOR_SOURCE)),
        d.getField(SHOPPERS).numericValue().intValue(),
        coViewsFromJson(d.get(CO_VIEWS)));
  }

  /**
   * The unit-length copy of {@code v} for the graph, or null for the zero vector, which has no
   * direction: such an item stays retrievable by id but is never a nearest neighbour.
   */
  public static float[] unitOrNull(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    if (norm == 0) {
      return null;
    }
    return VectorUtil.l2normalize(v.clone());
  }

  /** Rejects vectors Lucene would reject later with a less helpful message. */
  public static void checkVector(String itemId, float[] v) {
    if (v.length == 0) {
      throw new IllegalArgumentException("item " + itemId + " has an empty vector");
    }
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException(
            "item " + itemId + " has a non-finite vector value at index " + i);
      }
    }
  }

  static byte[] floatsToBytes(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static float[] bytesToFloats(BytesRef r) {
    float[] v = new float[r.length / Float.BYTES];
    ByteBuffer.wrap(r.bytes, r.offset, r.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .get(v);
    return v;
  }

  /** Compact rows {@code [itemId, count, score]}; JSON doubles round-trip exactly. */
  private static String coViewsToJson(List<CoView> coViews) {
    List<List<Object>> rows = new ArrayList<>(coViews.size());
    for (CoView c : coViews) {
      rows.add(List.of(c.itemId(), c.count(), c.score()));
    }
    try {
      return JSON.writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode co-views", e);
    }
  }

  /**
   * Reads the rows token by token, with Jackson's fast double parser: binding them to lists of
   * boxed values first took 3 to 6 times as long (30-50 µs an item on the Beauty index), paid by
   * every search hit not yet decoded.
   */
  private static List<CoView> coViewsFromJson(String json) {
    try (JsonParser p = JSON.createParser(json)) {
      next(p, JsonToken.START_ARRAY);
      List<CoView> out = new ArrayList<>();
      while (p.nextToken() == JsonToken.START_ARRAY) {
        next(p, JsonToken.VALUE_STRING);
        String itemId = p.getText();
        next(p, JsonToken.VALUE_NUMBER_INT);
        int count = p.getIntValue();
        next(p, JsonToken.VALUE_NUMBER_FLOAT, JsonToken.VALUE_NUMBER_INT);
        double score = p.getDoubleValue();
        next(p, JsonToken.END_ARRAY);
        out.add(new CoView(itemId, count, score));
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw new JsonParseException(p, "co-view rows do not end with ]");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("corrupt co-views field: " + json, e);
    }
  }

  private static void next(JsonParser p, JsonToken... allowed) throws IOException {
    JsonToken t = p.nextToken();
    for (JsonToken a : allowed) {
      if (t == a) {
        return;
      }
    }
    throw new JsonParseException(p, "expected co-view rows [itemId, count, score], got " + t);
  }
}
