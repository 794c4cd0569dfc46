package io.reasonflow.reasons;

import io.reasonflow.common.UserError;
import io.reasonflow.common.model.EventType;
import io.reasonflow.common.seqrec.NextItemScorer;
import io.reasonflow.common.seqrec.SeqRecScorer;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.index.search.ItemSearcher;
import io.reasonflow.reasons.candidates.BruteForceSimilarity;
import io.reasonflow.reasons.candidates.CandidateModels;
import io.reasonflow.reasons.candidates.IndexSimilarity;
import io.reasonflow.reasons.candidates.SimilarItems;
import io.reasonflow.reasons.evidence.DataActions;
import io.reasonflow.reasons.evidence.ItemCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The feature job's read-only outputs a recommender reads, opened once: the catalogue, the co-view
 * table, the Lucene item index for vector neighbours (an exact scan of the catalogue when no index
 * was built: small catalogues, tests), and the event types of the shoppers' data, which co-view
 * reasons name ({@link DataActions}), and the learned next-item models when the backfill wrote them
 * (the sequential network; the linear model with the sequential kNN, which a streaming task
 * re-reads when the streaming feature job publishes a refit, {@link #followNextItem()}). The one
 * way the reason job's tasks, the evaluation and the benchmark open them, so all three score with
 * the same stores. Close it to release the index.
 */
public final class EvidenceStores implements AutoCloseable {
  /** Names the sequential model file; empty: the backfill's own, if any. */
  public static final String SEQUENCE_MODEL_KEY = "reasons.candidates.sequence-model";

  private final ItemCatalog catalog;
  private final CoViewTable coViews;
  private final ItemSearcher searcher;
  private final SimilarItems similar;
  private final Set<EventType> dataActions;
  private final SeqRecScorer sequence;
  private final PublishedNextItemModel nextItem;

  private EvidenceStores(
      ItemCatalog catalog,
      CoViewTable coViews,
      ItemSearcher searcher,
      Set<EventType> dataActions,
      SeqRecScorer sequence,
      PublishedNextItemModel nextItem) {
    this.catalog = catalog;
    this.sequence = sequence;
    this.nextItem = nextItem;
    this.coViews = coViews;
    this.searcher = searcher;
    this.dataActions = dataActions;
    this.similar =
        searcher != null
            ? new IndexSimilarity(searcher, catalog)
            : new BruteForceSimilarity(catalog);
  }

  /**
   * The stores under {@code layout}, with its sequential and next-item models when the backfill
   * wrote them.
   */
  public static EvidenceStores open(FeatureLayout layout) {
    return open(layout, "");
  }

  /**
   * @param sequenceModel {@code reasons.candidates.sequence-model}: a model file, which must then
   *     exist; empty for the backfill's own ({@link FeatureLayout#seqrecModel()}) if it wrote one
   * @throws UserError naming the model file when it is missing (if named) or unreadable, or the
   *     backfill's next-item model file when it is unreadable
   */
  public static EvidenceStores open(FeatureLayout layout, String sequenceModel) {
    return open(layout, sequenceModel, defaultStoreCache());
  }

  /**
   * As {@link #open(FeatureLayout, String)}, with the memory-mapped forms of the catalogue and the
   * co-view table kept under {@code storeCache} ({@code reasons.store-cache-dir}, {@link
   * ItemCatalog#open}, {@link CoViewTable#open}).
   */
  public static EvidenceStores open(FeatureLayout layout, String sequenceModel, Path storeCache) {
    SeqRecScorer sequence = sequenceModel(layout, sequenceModel);
    PublishedNextItemModel nextItem = PublishedNextItemModel.open(layout);
    ItemCatalog catalog = ItemCatalog.open(layout.items(), storeCache);
    CoViewTable coViews = CoViewTable.open(layout.coViews(), storeCache);
    ItemSearcher searcher =
        Files.isDirectory(layout.index()) ? ItemSearcher.open(layout.index()) : null;
    return new EvidenceStores(
        catalog, coViews, searcher, DataActions.read(layout), sequence, nextItem);
  }

  /**
   * {@code reasons.store-cache-dir} left empty: reasonflow-stores under the JVM's temp directory.
   */
  public static Path defaultStoreCache() {
    return Path.of(System.getProperty("java.io.tmpdir"), "reasonflow-stores");
  }

  /**
   * The backfill's next-item model (linear model + sequential kNN, {@link
   * FeatureLayout#nextItemModel()}) the reason job blends into its candidates, or null when it
   * wrote none.
   *
   * @throws UserError naming the file when it is there but unreadable
   */
  public static NextItemScorer nextItemModel(FeatureLayout layout) {
    Path file = layout.nextItemModel();
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return NextItemScorer.load(file);
    } catch (IOException | RuntimeException e) {
      throw new UserError(
          "cannot read the next-item model: "
              + (e instanceof IOException ? e.getMessage() : file + ": " + e.getMessage())
              + " (run the feature job's backfill again, or set features.linear-next.enabled=false"
              + " there and delete the file)",
          e);
    }
  }

  /** The sequential model the reason job blends into its candidates, or null for none. */
  public static SeqRecScorer sequenceModel(FeatureLayout layout, String configured) {
    boolean named = configured != null && !configured.isBlank();
    Path file = named ? Path.of(configured.strip()) : layout.seqrecModel();
    if (!Files.exists(file)) {
      if (named) {
        throw new UserError(
            SEQUENCE_MODEL_KEY
                + ": no model file at "
                + file
                + " (run the feature job's backfill with features.seqrec.enabled=true, or leave the"
                + " key empty to use the backfill's own model if it wrote one)");
      }
      return null;
    }
    try {
      return SeqRecScorer.load(file);
    } catch (IOException e) {
      throw new UserError(
          "cannot read the sequential model: "
              + e.getMessage()
              + " (run the feature job's backfill again, or set features.seqrec.enabled=false"
              + " there and delete the file)",
          e);
    }
  }

  /** The sequential next-item model, or null when there is none. */
  public SeqRecScorer sequence() {
    return sequence;
  }

  /**
   * The next-item model (linear + sequential kNN) as last read, or null when there is none; {@link
   * #followNextItem()} reads a newly published one.
   */
  public NextItemScorer nextItem() {
    return nextItem.current();
  }

  /**
   * Reads the next-item model file again if another one was published in its place (the streaming
   * feature job's refits), keeping the model read last when it cannot be read; the other stores
   * stay as they are. Once per new file for all the holders of these stores.
   */
  public PublishedNextItemModel.Check followNextItem() {
    return nextItem.check();
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

  /** A recommender over these stores as {@code settings} wire it ({@link Recommender#create}). */
  public Recommender recommender(ReasonSettings settings, long totalShoppers) {
    return recommender(settings, totalShoppers, null);
  }

  /**
   * As {@link #recommender(ReasonSettings, long)}, with the explainers a task loaded once ({@link
   * Recommender#loadExplainers}; null: none loaded, loaded here if the settings need them).
   */
  public Recommender recommender(
      ReasonSettings settings,
      long totalShoppers,
      java.util.Map<
              io.reasonflow.reasons.realise.ReasonLocale,
              io.reasonflow.reasons.explain.decoder.ExplainerModel>
          explainers) {
    return Recommender.create(
        settings,
        catalog,
        coViews,
        similar,
        totalShoppers,
        dataActions,
        new CandidateModels(sequence, nextItem.current()),
        explainers);
  }

  /**
   * The parts a recommender over these stores is assembled from ({@link
   * Recommender.Components#of}).
   */
  public Recommender.Components components(ReasonSettings settings, long totalShoppers) {
    return Recommender.Components.of(
        settings,
        catalog,
        coViews,
        similar,
        totalShoppers,
        dataActions,
        new CandidateModels(sequence, nextItem.current()));
  }

  @Override
  public void close() {
    if (searcher != null) {
      searcher.close();
    }
  }
}
