package io.reasonflow.reasons;

import io.reasonflow.common.config.Config;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.candidates.IndexSimilarity;
import io.reasonflow.reasons.candidates.SimilarItems;
import io.reasonflow.reasons.evidence.DataActions;
import io.reasonflow.reasons.evidence.ItemCatalog;
import java.nio.file.Files;
import java.util.Set;

/**
 * The feature job's read-only outputs a recommender reads, opened once: the catalogue, the co-view
 * table, the Lucene item index for vector neighbours (an exact scan of the catalogue when no index
 * was built: small catalogues, tests), and the event types of the shoppers' data, which co-view
 * reasons name ({@link DataActions}). The one way the reason job's tasks, the evaluation and the
 * benchmark open them, so all three score with the same stores. Close it to release the index.
 */
public final class EvidenceStores implements AutoCloseable {
  private final ItemCatalog catalog;
  private final CoViewTable coViews;
  private final ItemSearcher searcher;
  private final SimilarItems similar;
  private final Set<EventType> dataActions;

  private EvidenceStores(
      ItemCatalog catalog, CoViewTable coViews, ItemSearcher searcher, Set<EventType> dataActions) {
    this.catalog = catalog;
    this.coViews = coViews;
    this.searcher = searcher;
    this.dataActions = dataActions;
    this.similar =
        searcher != null
            ? new IndexSimilarity(searcher, catalog)
            : new BruteForceSimilarity(catalog);
  }

  public static EvidenceStores open(FeatureLayout layout) {
    ItemCatalog catalog = ItemCatalog.read(layout.items());
    CoViewTable coViews = CoViewTable.read(layout.coViews());
    ItemSearcher searcher =
        Files.isDirectory(layout.index()) ? ItemSearcher.open(layout.index()) : null;
    return new EvidenceStores(catalog, coViews, searcher, DataActions.read(layout.profiles()));
  }

  public ItemCatalog catalog() {
    return catalog;
  }

  public CoViewTable coViews() {
    return coViews;
  }

  /**
   * Vector neighbours: the index when there is one, else the exact scan; stateless, so threads may
   * share it.
   */
  public SimilarItems similar() {
    return similar;
  }

  /**
   * A recommender over these stores as {@code config} wires it ({@link Recommender#fromConfig}).
   */
  public Recommender recommender(Config config, long totalShoppers) {
    return Recommender.fromConfig(config, catalog, coViews, similar, totalShoppers, dataActions);
  }

  /**
   * The parts a recommender over these stores is assembled from ({@link
   * Recommender.Components#fromConfig}).
   */
  public Recommender.Components components(Config config, long totalShoppers) {
    return Recommender.Components.fromConfig(
        config, catalog, coViews, similar, totalShoppers, dataActions);
  }

  @Override
  public void close() {
    if (searcher != null) {
      searcher.close();
    }
  }
}
