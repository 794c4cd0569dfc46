package io.reasonflow.index.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiReader;

/**
 * All shards of a sharded index as one reader, shard 0's documents first. Searching it is searching
 * every shard: a vector query collects each shard's top candidates and merges them into one top-k,
 * and BM25 uses term statistics summed over all shards, so a title scores as it would in one
 * unsharded index.
 *
 * <p>It holds a reference to each shard's reader (released on close) and does not close them
 * itself, so a refresh can build the next view from the shards that did not change.
 */
final class ShardedReader extends MultiReader {
  private final List<DirectoryReader> shards;

  ShardedReader(List<DirectoryReader> shards) throws IOException {
    super(shards.toArray(new DirectoryReader[0]), false);
    this.shards = List.copyOf(shards);
  }

  /** The shard readers, in shard order. */
  List<DirectoryReader> shards() {
    return shards;
  }
}
