package io.reasonflow.index.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.store.Directory;

/**
 * Lucene's {@code SearcherManager} for a set of shard directories: hands out searchers over a
 * {@link ShardedReader}, and a refresh reopens only the shards that committed since, reusing the
 * others' readers. Shards commit independently, so a view may mix one shard's newer commit with
 * another's older one.
 */
final class ShardedSearcherManager extends ReferenceManager<IndexSearcher> {
  private final Executor executor;

  /**
   * @param executor runs the per-shard searches of one query concurrently, or null to search the
   *     shards one after the other on the caller's thread
   */
  ShardedSearcherManager(List<Directory> shards, Executor executor) throws IOException {
    this.executor = executor;
    List<DirectoryReader> readers = new ArrayList<>(shards.size());
    try {
      for (Directory d : shards) {
        readers.add(DirectoryReader.open(d));
      }
      current = searcher(readers);
    } finally {
      // the ShardedReader holds its own reference to each reader (or none, if building it failed)
      for (DirectoryReader r : readers) {
        r.decRef();
      }
    }
  }

  private IndexSearcher searcher(List<DirectoryReader> readers) throws IOException {
    return new IndexSearcher(new ShardedReader(readers), executor);
  }

  @Override
  protected IndexSearcher refreshIfNeeded(IndexSearcher referenceToRefresh) throws IOException {
    List<DirectoryReader> old = ((ShardedReader) referenceToRefresh.getIndexReader()).shards();
    List<DirectoryReader> next = new ArrayList<>(old.size());
    List<DirectoryReader> opened = new ArrayList<>();
    try {
      for (DirectoryReader r : old) {
        DirectoryReader changed = DirectoryReader.openIfChanged(r);
        if (changed != null) {
          opened.add(changed);
        }
        next.add(changed == null ? r : changed);
      }
      return opened.isEmpty() ? null : searcher(next);
    } finally {
      for (DirectoryReader r : opened) {
        r.decRef();
      }
    }
  }

  @Override
  protected void decRef(IndexSearcher reference) throws IOException {
    reference.getIndexReader().decRef();
  }

  @Override
  protected boolean tryIncRef(IndexSearcher reference) {
    return reference.getIndexReader().tryIncRef();
  }

  @Override
  protected int getRefCount(IndexSearcher reference) {
    return reference.getIndexReader().getRefCount();
  }
}
