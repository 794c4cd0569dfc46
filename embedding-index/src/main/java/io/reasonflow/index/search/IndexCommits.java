package io.reasonflow.index.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;

/**
 * The commit a searcher's reader reads: one index's commit, or for a sharded index the shards'
 * commits taken together (the shards are built with the same settings and user data, so the first
 * shard's user data stands for all, and the sum of generations grows with every commit any shard
 * makes).
 */
final class IndexCommits {
  private IndexCommits() {}

  static Map<String, String> userData(IndexReader r) {
    try {
      if (r instanceof ShardedReader sharded) {
        return sharded.shards().get(0).getIndexCommit().getUserData();
      }
      return ((DirectoryReader) r).getIndexCommit().getUserData();
    } catch (IOException e) {
      throw new UncheckedIOException("reading commit user data", e);
    }
  }

  static long generation(IndexReader r) {
    try {
      if (r instanceof ShardedReader sharded) {
        long sum = 0;
        for (DirectoryReader shard : sharded.shards()) {
          sum += shard.getIndexCommit().getGeneration();
        }
        return sum;
      }
      return ((DirectoryReader) r).getIndexCommit().getGeneration();
    } catch (IOException e) {
      throw new UncheckedIOException("reading commit generation", e);
    }
  }
}
