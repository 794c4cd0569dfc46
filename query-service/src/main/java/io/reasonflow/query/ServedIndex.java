package io.reasonflow.query;

import io.reasonflow.common.UserError;
import io.reasonflow.index.IndexIntegrity;
import io.reasonflow.index.IndexVersions;
import io.reasonflow.index.search.ItemSearcher;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index the service answers from. A refresh either moves to the newest commit of the same index
 * or, when the root's {@code current} pointer names another version, opens that version and swaps
 * it in. Requests lease the searcher they started with, and a swapped-out searcher closes when its
 * last lease ends, so no request fails because the index changed under it.
 *
 * <p>Every version is verified ({@link IndexIntegrity}: each file's checksum) before it is served,
 * and each refresh verifies the files of the commits it picks up, so a damaged version is refused
 * and the good one keeps serving. A refused version is not read again (every refresh tick) until
 * its commit changes.
 */
final class ServedIndex implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ServedIndex.class);

  private final Path root;
  private final AtomicReference<Version> current = new AtomicReference<>();

  /** The version (and its commit) last refused as damaged, and why; guarded by {@code this}. */
  private String refusedKey;

  private String refusedReason;

  /**
   * One opened index version and the leases on it; the holder's own reference counts as one lease.
   */
  private static final class Version {
    final Path dir;
    final ItemSearcher searcher;
    final AtomicInteger leases = new AtomicInteger(1);

    /**
     * Files of this version already verified; touched only under the ServedIndex's lock (and the
     * constructor).
     */
    final Set<Path> verified = new HashSet<>();

    Version(Path dir) {
      this.dir = dir;
      IndexIntegrity.Report r = IndexIntegrity.verify(dir, verified);
      LOG.info("verified {}: {}", dir, r);
      this.searcher = ItemSearcher.open(dir);
    }

    boolean tryLease() {
      for (int n = leases.get(); n > 0; n = leases.get()) {
        if (leases.compareAndSet(n, n + 1)) {
          return true;
        }
      }
      return false;
    }

    void release() {
      if (leases.decrementAndGet() == 0) {
        searcher.close();
      }
    }
  }

  ServedIndex(Path root) {
    this.root = root;
    current.set(new Version(IndexVersions.resolve(root)));
  }

  /** Runs {@code fn} on a searcher that stays open until {@code fn} returns. */
  <T> T read(Function<ItemSearcher, T> fn) {
    Version v = lease();
    try {
      return fn.apply(v.searcher);
    } finally {
      v.release();
    }
  }

  /** The directory of the version being served. */
  Path servedDir() {
    return current.get().dir;
  }

  /**
   * Picks up new commits, or a new version the {@code current} pointer names. Serialised: one
   * refresh at a time.
   *
   * @throws UserError when the new commit or version is damaged; the one being served stays
   */
  synchronized void refresh() {
    Version v = current.get();
    Path target = IndexVersions.resolve(root);
    String key = target + "@" + IndexIntegrity.commitKey(target);
    if (key.equals(refusedKey)) {
      throw new UserError(refusedReason);
    }
    try {
      if (target.equals(v.dir)) {
        IndexIntegrity.Report r =
            IndexIntegrity.verify(v.dir, v.verified); // the new commits' files only
        if (r.files() > 0) {
          LOG.debug("verified new commit files of {}: {}", v.dir, r);
        }
        v.searcher.refresh();
        return;
      }
      Version next = new Version(target);
      current.set(next);
      v.release();
    } catch (UserError e) {
      refusedKey = key;
      refusedReason = "still serving " + v.dir + ", not " + target + ": " + e.getMessage();
      LOG.warn(refusedReason);
      throw new UserError(refusedReason, e);
    }
  }

  private volatile boolean closed;

  private Version lease() {
    while (true) {
      if (closed) {
        throw new IllegalStateException("the index was closed");
      }
      Version v = current.get();
      if (v.tryLease()) {
        return v;
      }
      // v was swapped out and closed between get() and tryLease(); the new one is in place now
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      current.get().release();
    }
  }
}
