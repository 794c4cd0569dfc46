package io.reasonflow.index.search;

import io.reasonflow.index.CommitKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;

/**
 * The commit a searcher's reader reads: one index's commit, or for a sharded index the shards'
 * commits taken together (see {@link #combine}; the sum of generations grows with every commit any
 * shard makes).
 */
final class IndexCommits {
  private IndexCommits() {}

  static Map<String, String> userData(IndexReader r) {
    try {
      if (r instanceof ShardedReader sharded) {
        List<Map<String, String>> shards = new ArrayList<>(sharded.shards().size());
        for (DirectoryReader shard : sharded.shards()) {
          shards.add(shard.getIndexCommit().getUserData());
        }
        return combine(shards);
      }
      return ((DirectoryReader) r).getIndexCommit().getUserData();
    } catch (IOException e) {
      throw new UncheckedIOException("reading commit user data", e);
    }
  }

  /**
   * The user data a reader reports for a sharded index, from each shard's latest commit in shard
   * order. Shards commit on their own: each streaming committer subtask commits its shard when a
   * checkpoint completes, so a reader may see one shard at checkpoint c and another still at c - 1.
   * The index's data is then that of its least advanced shard, the one with the lowest {@link
   * CommitKeys#CHECKPOINT_ID} (a shard without one counts as lowest; the first such shard wins
   * ties), so the reported checkpoint is one every shard has committed; except {@link
   * CommitKeys#MODEL_VERSION}, which is the highest any shard committed: what one index holding all
   * the items reports (the newest model version among them). A backfill's shards carry the same
   * data and no checkpoint id, so for them this is shard 0's data.
   */
  static Map<String, String> combine(List<Map<String, String>> shards) {
    Map<String, String> least = shards.getFirst();
    for (Map<String, String> shard : shards) {
      if (checkpoint(shard) < checkpoint(least)) {
        least = shard;
      }
    }
    Map<String, String> out = new HashMap<>(least);
    long newestModel = Long.MIN_VALUE;
    for (Map<String, String> shard : shards) {
      String v = shard.get(CommitKeys.MODEL_VERSION);
      if (v != null) {
        try {
          newestModel = Math.max(newestModel, Long.parseLong(v));
        } catch (NumberFormatException e) {
          // not a version this rule can compare: the least advanced shard's value stands
        }
      }
    }
    if (newestModel != Long.MIN_VALUE) {
      out.put(CommitKeys.MODEL_VERSION, Long.toString(newestModel));
    }
    return out;
  }

  private static long checkpoint(Map<String, String> data) {
    String id = data.get(CommitKeys.CHECKPOINT_ID);
    if (id == null) {
      return Long.MIN_VALUE;
    }
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
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
