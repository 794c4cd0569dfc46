package io.reasonflow.reasons.flink;

import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.reasons.EvidenceStores;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence stores of one feature output, opened once per JVM and shared by every reason subtask
 * in it: a TaskManager with four slots maps the catalogue once and computes its catalogue-wide
 * statistics once ({@link io.reasonflow.reasons.evidence.ItemCatalog#derived}: 16 s at 200,000
 * items), not four times. The stores are read-only and safe to share (the catalogue and the co-view
 * table are mapped, the models immutable, Lucene's searcher serves concurrent queries); each
 * subtask still builds its own recommender over them.
 *
 * <p>Counted leases: the first subtask to ask for an output opens it while the others wait, and the
 * last to give its lease back closes it. A streaming subtask moving to a newly published version
 * takes a lease on that one before returning the old. An open that fails is not kept, so the next
 * subtask tries again. A next-item model the streaming feature job publishes in place of an open
 * output's is read into the shared stores once ({@link
 * io.reasonflow.reasons.PublishedNextItemModel}), by the first subtask to check after it appears;
 * the leases stay as they are.
 */
final class SharedEvidenceStores {
  private static final Logger LOG = LoggerFactory.getLogger(SharedEvidenceStores.class);
  private static final Map<Key, Entry> OPEN = new HashMap<>();

  private SharedEvidenceStores() {}

  /** Which output, with which sequential model and mapped-table directory. */
  private record Key(Path root, String sequenceModel, Path storeCache) {}

  /** A subtask's hold on shared stores; closing it gives them back. */
  static final class Lease implements AutoCloseable {
    private final Key key;
    private final EvidenceStores stores;
    private boolean closed;

    private Lease(Key key, EvidenceStores stores) {
      this.key = key;
      this.stores = stores;
    }

    EvidenceStores stores() {
      return stores;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release(key);
      }
    }
  }

  private static final class Entry {
    private int leases;
    private EvidenceStores stores;

    /** Opens the stores on first use; the other subtasks asking meanwhile wait here. */
    synchronized EvidenceStores get(Key key) {
      if (stores == null) {
        long start = System.nanoTime();
        stores =
            EvidenceStores.open(
                new FeatureLayout(key.root()), key.sequenceModel(), key.storeCache());
        LOG.info(
            String.format(
                "evidence stores of %s opened in %.1f s; shared by this JVM's reason subtasks",
                key.root(), (System.nanoTime() - start) / 1e9));
      }
      return stores;
    }
  }

  /**
   * A lease on the stores under {@code layout}, opening them if no subtask in this JVM holds them.
   *
   * @throws io.reasonflow.common.UserError as {@link EvidenceStores#open(FeatureLayout, String,
   *     Path)} does
   */
  static Lease acquire(FeatureLayout layout, String sequenceModel, Path storeCache) {
    Key key =
        new Key(
            layout.root().toAbsolutePath().normalize(),
            Objects.requireNonNull(sequenceModel, "sequenceModel"),
            storeCache.toAbsolutePath().normalize());
    Entry e;
    synchronized (OPEN) {
      e = OPEN.computeIfAbsent(key, k -> new Entry());
      e.leases++;
    }
    try {
      return new Lease(key, e.get(key));
    } catch (RuntimeException | Error failed) {
      release(key);
      throw failed;
    }
  }

  /** Subtasks in this JVM holding stores of {@code root} (for tests). */
  static int leases(Path root) {
    synchronized (OPEN) {
      return OPEN.entrySet().stream()
          .filter(en -> en.getKey().root().equals(root.toAbsolutePath().normalize()))
          .mapToInt(en -> en.getValue().leases)
          .sum();
    }
  }

  private static void release(Key key) {
    Entry e;
    synchronized (OPEN) {
      e = OPEN.get(key);
      if (e == null || --e.leases > 0) {
        return;
      }
      OPEN.remove(key);
    }
    synchronized (e) {
      if (e.stores != null) {
        e.stores.close();
        e.stores = null;
      }
    }
  }
}
