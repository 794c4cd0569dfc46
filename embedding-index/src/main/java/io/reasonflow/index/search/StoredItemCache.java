package io.reasonflow.index.search;

import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.index.ItemSchema;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;

/**
 * Decoded stored items by segment and document. Reading a hit's item means decompressing its
 * stored-fields block and decoding its co-views and vector, which cost more than the graph search
 * that found it; a popular item is a hit of many queries.
 *
 * <p>Entries never go stale: a segment's stored fields never change, and an updated item is a new
 * document in a new segment, so a refresh or a new version only brings keys the cache has not seen.
 * Its size is fixed: each (segment, document) has one slot, which a later item with the same slot
 * takes over, so entries of segments that were merged away age out. A segment's documents take
 * consecutive slots, so a segment no larger than the cache never evicts its own items.
 */
final class StoredItemCache {
  /**
   * Slots of a searcher's cache: the whole Beauty catalogue (12,101 items) fits, and at about 2.3
   * KB a decoded item (18 co-views on average) a full cache holds under 40 MB.
   */
  static final int DEFAULT_SLOTS = 1 << 14;

  private record Entry(Object segment, int doc, ItemFeatures item) {}

  private final AtomicReferenceArray<Entry> slots;
  private final int mask;

  StoredItemCache(int slots) {
    if (slots < 1 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two, got " + slots);
    }
    this.slots = new AtomicReferenceArray<>(slots);
    this.mask = slots - 1;
  }

  /** The item stored in {@code reader}'s document {@code doc}. */
  ItemFeatures get(IndexReader reader, int doc) throws IOException {
    LeafReaderContext leaf = reader.leaves().get(ReaderUtil.subIndex(doc, reader.leaves()));
    int leafDoc = doc - leaf.docBase;
    IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
    if (core == null) {
      return load(leaf, leafDoc);
    }
    Object segment = core.getKey();
    int slot = (System.identityHashCode(segment) * 0x9E3779B9 + leafDoc) & mask;
    Entry e = slots.get(slot);
    if (e == null || e.segment() != segment || e.doc() != leafDoc) {
      e = new Entry(segment, leafDoc, load(leaf, leafDoc));
      slots.set(slot, e);
    }
    return copyOf(e.item());
  }

  private static ItemFeatures load(LeafReaderContext leaf, int leafDoc) throws IOException {
    return ItemSchema.fromDocument(leaf.reader().storedFields().document(leafDoc));
  }

  /**
   * ItemFeatures hands out its vector array; a caller writing to it must not change the cached
   * item.
   */
  private static ItemFeatures copyOf(ItemFeatures f) {
    return new ItemFeatures(
        f.item(),
        f.vector().clone(),
        f.modelVersion(),
        f.vectorSource(),
        f.shoppers(),
        f.coViews());
  }
}
