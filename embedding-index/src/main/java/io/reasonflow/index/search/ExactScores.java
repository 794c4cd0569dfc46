package io.reasonflow.index.search;

import io.reasonflow.index.ItemSchema;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;

/**
 * The cosine of a hit recomputed from its indexed (unit) vector: a plain sum in double, dimension
 * by dimension, so it depends on the two vectors only. Lucene's own score does not quite: its SIMD
 * dot product reduces lanes in an order that interpreted and JIT-compiled code need not share,
 * which moves the last bit of a float score.
 */
final class ExactScores {
  private final List<LeafReaderContext> leaves;
  private final float[] unit;

  ExactScores(IndexReader reader, float[] unit) {
    this.leaves = reader.leaves();
    this.unit = unit;
  }

  /**
   * The cosine of top-level document {@code doc}, which must have a vector (it was a vector hit).
   */
  float cosine(int doc) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(ItemSchema.VECTOR);
    int target = doc - leaf.docBase;
    KnnVectorValues.DocIndexIterator it = values == null ? null : values.iterator();
    if (it == null || it.advance(target) != target) {
      throw new IllegalStateException("vector hit " + doc + " has no vector in its segment");
    }
    float[] v = values.vectorValue(it.index());
    double dot = 0;
    for (int i = 0; i < unit.length; i++) {
      dot += (double) unit[i] * v[i];
    }
    return (float) dot;
  }
}
