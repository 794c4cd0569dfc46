package io.reasonflow.features;

import io.reasonflow.common.io.DeadLetter;
import io.reasonflow.common.io.EventSchema;
import io.reasonflow.common.io.RawLine;
import io.reasonflow.common.model.Event;
import io.reasonflow.common.model.Item;
import io.reasonflow.common.model.ItemFeatures;
import io.reasonflow.common.model.UserProfile;
import io.reasonflow.common.store.CoViewTable;
import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.features.core.ContentModelFile;
import io.reasonflow.features.core.ContentVectors;
import io.reasonflow.features.core.FeatureSettings;
import io.reasonflow.features.core.UserHistory;
import io.reasonflow.features.flink.AssembleItemFeatures;
import io.reasonflow.features.flink.AttachShoppers;
import io.reasonflow.features.flink.BuildProfiles;
import io.reasonflow.features.flink.BuildUserHistory;
import io.reasonflow.features.flink.ColdStartVectors;
import io.reasonflow.features.flink.CorpusOrderKey;
import io.reasonflow.features.flink.DataParallelItem2Vec;
import io.reasonflow.features.flink.EventTimeAssigner;
import io.reasonflow.features.flink.HistoryKey;
import io.reasonflow.features.flink.ItemFact;
import io.reasonflow.features.flink.ItemPiece;
import io.reasonflow.features.flink.ItemPieceKey;
import io.reasonflow.features.flink.PairSides;
import io.reasonflow.features.flink.ParseEvents;
import io.reasonflow.features.flink.ParseItems;
import io.reasonflow.features.flink.RawLineFormat;
import io.reasonflow.features.flink.ShopperPieces;
import io.reasonflow.features.flink.SumCounts;
import io.reasonflow.features.flink.SumKey;
import io.reasonflow.features.flink.TrainItem2Vec;
import io.reasonflow.features.flink.TrainNextItem;
import io.reasonflow.features.flink.TrainSeqRec;
import io.reasonflow.features.flink.UserItems;
import io.reasonflow.features.flink.UserKey;
import io.reasonflow.features.flink.UserPairs;
import io.reasonflow.features.seqrec.NextItemBackfill;
import io.reasonflow.features.seqrec.SeqRecBackfill;
import io.reasonflow.features.sinks.IndexShardSink;
import io.reasonflow.flink.PartFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The backfill as wiring: event files (and the catalogue) in, every output of {@link FeatureLayout}
 * out through parallel sinks, on whatever environment the caller gives ({@link FeatureJob#runBatch}
 * for the CLI and tests, {@link FeatureJobMain} on a cluster). Keyed operators do every join, so no
 * operator holds the whole history:
 *
 * <ul>
 *   <li>by shopper: {@code user-history} (de-duplicated, sessionised), then {@code user-profiles};
 *   <li>by pair: {@code coview-pair-counts} (distinct shoppers per pair) -> {@code coview-parts};
 *   <li>by item: {@code item-shopper-counts}; {@code attach-shoppers} (a pair's side keyed by one
 *       item gets that item's shopper count and moves to the other item's key); {@code
 *       item-features} (catalogue entry, shoppers, neighbours scored and cut to the top N, vector)
 *       -> {@code item-parts}, and optionally {@code index-shards} (one Lucene shard per subtask,
 *       items routed by {@code ShardRouter}).
 * </ul>
 *
 * Three operators run at parallelism 1 because each fits one model over the catalogue: {@code
 * train-item2vec} (unless {@code features.item2vec.parallelism} asks for {@link
 * DataParallelItem2Vec}; its corpus, sorted into a fixed order by {@link CorpusOrderKey}, spills to
 * a file; memory grows with the item vocabulary), {@code fit-content-vectors} (title word vectors
 * and the map into the item2vec space, on at most {@code features.content.fit-titles} titles,
 * written to {@link ContentModelFile}; {@code item-features} maps the cold items with it in
 * parallel, {@link ColdStartVectors}) and, when enabled, {@code train-seqrec} (the sequential
 * next-item model, written to {@link FeatureLayout#seqrecModel()} for the reason job); {@code
 * fit-next-item}, when enabled, likewise writes the linear next-item model and the sequential
 * item-kNN to {@link FeatureLayout#nextItemModel()} ({@link TrainNextItem}). item2vec's output, a
 * vector per item, is broadcast to {@code user-profiles} and keyed by item into {@code
 * item-features}.
 */
public final class FeatureBatchJob {
  private final FeatureSettings settings;
  private final ContentVectors.Settings content;
  private final EventSchema schema;
  private final long modelVersion;
  private final SeqRecBackfill seqrec;
  private final NextItemBackfill nextItem;

  /**
   * Where the job's outputs go.
   *
   * @param index the item index, one shard per subtask ({@link IndexShardSink}), or null to build
   *     none
   * @param contentModel where {@code fit-content-vectors} writes the cold-start content model
   *     ({@link ContentModelFile}) for {@code item-features} to read: a path every TaskManager
   *     sees; needed when the job has a catalogue
   */
  public record Sinks(
      Sink<DeadLetter> deadLetters,
      Sink<UserProfile> profiles,
      Sink<ItemFeatures> items,
      Sink<ItemFact> coViews,
      Sink<ItemFeatures> index,
      String seqrecModel,
      String nextItemModel,
      String contentModel) {
    /**
     * Part files under each of {@code layout}'s paths (each a directory of parts), the sequential
     * model's file at {@link FeatureLayout#seqrecModel()}, the next-item model's at {@link
     * FeatureLayout#nextItemModel()}, the content model's at {@link ContentModelFile#FILE_NAME} in
     * the output directory; no index.
     */
    public static Sinks partFiles(FeatureLayout layout) {
      return new Sinks(
          PartFiles.jsonLines(uri(layout.deadLetters())),
          PartFiles.jsonLines(uri(layout.profiles())),
          PartFiles.jsonLines(uri(layout.items())),
          PartFiles.lines(uri(layout.coViews()), CoViewTable.HEADER, Sinks::coViewLine, ".tsv.gz"),
          null,
          layout.seqrecModel().toAbsolutePath().toString(),
          layout.nextItemModel().toAbsolutePath().toString(),
          layout.root().resolve(ContentModelFile.FILE_NAME).toAbsolutePath().toString());
    }

    /**
     * A co-view count as a line of {@link CoViewTable}'s TSV (every part starts with its header).
     */
    private static byte[] coViewLine(ItemFact f) {
      return (f.key() + '\t' + f.count()).getBytes(StandardCharsets.UTF_8);
    }

    /** These sinks and an index sink fed by {@link IndexShardSink.ByShard}. */
    public Sinks withIndex(Sink<ItemFeatures> index) {
      return new Sinks(
          deadLetters, profiles, items, coViews, index, seqrecModel, nextItemModel, contentModel);
    }

    private static String uri(Path p) {
      return p.toAbsolutePath().toUri().toString();
    }
  }

  /**
   * Streams a caller may tap, e.g. to count them (a detached job's summary).
   *
   * @param events the events parsed from the event files (before de-duplication)
   * @param profiles the profiles written, one per shopper with at least one kept event
   */
  public record Outputs(
      DataStream<ItemFeatures> items,
      DataStream<ItemFact> pairCounts,
      DataStream<Event> events,
      DataStream<UserProfile> profiles) {}

  public FeatureBatchJob(
      FeatureSettings settings,
      ContentVectors.Settings content,
      EventSchema schema,
      long modelVersion) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.content = Objects.requireNonNull(content, "content");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.modelVersion = modelVersion;
    this.seqrec = SeqRecBackfill.OFF;
    this.nextItem = NextItemBackfill.OFF;
  }

  private FeatureBatchJob(FeatureBatchJob j, SeqRecBackfill seqrec, NextItemBackfill nextItem) {
    this.settings = j.settings;
    this.content = j.content;
    this.schema = j.schema;
    this.modelVersion = j.modelVersion;
    this.seqrec = Objects.requireNonNull(seqrec, "seqrec");
    this.nextItem = Objects.requireNonNull(nextItem, "nextItem");
  }

  /** This job, also training the sequential model as {@code seqrec} says (off by default). */
  public FeatureBatchJob withSeqRec(SeqRecBackfill seqrec) {
    return new FeatureBatchJob(this, seqrec, nextItem);
  }

  /**
   * This job, also fitting the next-item model (linear + sequential kNN) as {@code nextItem} says
   * (off by default).
   */
  public FeatureBatchJob withNextItem(NextItemBackfill nextItem) {
    return new FeatureBatchJob(this, seqrec, nextItem);
  }

  /** Flink's file source over whole files as raw lines (see {@link RawLineFormat}). */
  public static FileSource<RawLine> files(List<Path> files) {
    return FileSource.forBulkFileFormat(
            new RawLineFormat(),
            files.stream()
                .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
                .toArray(org.apache.flink.core.fs.Path[]::new))
        .build();
  }

  /**
   * Wires the job onto {@code env}; the caller executes it.
   *
   * @param events raw lines of the event files (TSV/CSV headers included)
   * @param catalogue raw lines of the catalogue files, or null for none
   */
  public Outputs wire(
      StreamExecutionEnvironment env,
      Source<RawLine, ?, ?> events,
      Source<RawLine, ?, ?> catalogue,
      Sinks sinks) {
    int p = env.getParallelism();
    SingleOutputStreamOperator<Event> parsed =
        env.fromSource(events, WatermarkStrategy.noWatermarks(), "event-files")
            .uid("event-files")
            .process(new ParseEvents(schema))
            .name("parse-events")
            .uid("parse-events");
    pin(
        parsed
            .getSideOutput(ParseEvents.DEAD_LETTERS)
            .sinkTo(sinks.deadLetters())
            .name("dead-letter-parts")
            .uid("dead-letter-parts"),
        p);

    SingleOutputStreamOperator<UserHistory> histories =
        pin(
            parsed
                .assignTimestampsAndWatermarks(
                    WatermarkStrategy.<Event>forBoundedOutOfOrderness(
                            Duration.ofMillis(settings.outOfOrdernessMs()))
                        .withTimestampAssigner(new EventTimeAssigner()))
                .name("event-time")
                .uid("event-time")
                .keyBy(new UserKey())
                .process(new BuildUserHistory(settings.sessionGapMs(), settings.sessionMaxItems()))
                .name("user-history")
                .uid("user-history"),
            p);

    // co-view pairs: one per shopper, summed by pair
    SingleOutputStreamOperator<ItemFact> pairCounts =
        pin(
            pin(
                    histories
                        .flatMap(new UserPairs())
                        .name("user-coview-pairs")
                        .uid("user-coview-pairs"),
                    p)
                .keyBy(new SumKey())
                .reduce(new SumCounts())
                .name("coview-pair-counts")
                .uid("coview-pair-counts"),
            p);
    pin(pairCounts.sinkTo(sinks.coViews()).name("coview-parts").uid("coview-parts"), p);
    DataStream<ItemPiece> shoppers =
        pin(
            pin(
                    pin(histories.flatMap(new UserItems()).name("user-items").uid("user-items"), p)
                        .keyBy(new SumKey())
                        .reduce(new SumCounts())
                        .name("item-shopper-counts")
                        .uid("item-shopper-counts"),
                    p)
                .map(new ShopperPieces())
                .name("shopper-pieces")
                .uid("shopper-pieces"),
            p);
    DataStream<ItemPiece> sides =
        pin(pairCounts.flatMap(new PairSides()).name("pair-sides").uid("pair-sides"), p);
    DataStream<ItemPiece> neighbours =
        pin(
            shoppers
                .union(sides)
                .keyBy(new ItemPieceKey())
                .process(new AttachShoppers())
                .name("attach-shoppers")
                .uid("attach-shoppers"),
            p);

    // one model over the catalogue: item2vec, then content vectors for cold catalogue items. Keyed
    // so that BATCH mode sorts its corpus into a fixed order (CorpusOrderKey): the same events give
    // the same vectors at any parallelism, rather than vectors that follow the upstream subtasks'
    // arrival order
    // (with features.item2vec.parallelism 1, the default, one model in one subtask; with more,
    // data-parallel rounds whose models are merged, repeatable at that number of workers)
    int workers = settings.item2vecWorkers(p);
    SingleOutputStreamOperator<ItemFact> learned =
        workers > 1
            ? DataParallelItem2Vec.wire(histories, settings, workers)
            : histories
                .keyBy(new CorpusOrderKey(settings.seed()))
                .transform(
                    "train-item2vec",
                    TypeInformation.of(ItemFact.class),
                    new TrainItem2Vec(settings))
                .uid("train-item2vec")
                .setParallelism(1);
    if (seqrec.enabled() && sinks.seqrecModel() != null) {
      // the sequential model, likewise one model over the catalogue, in the same fixed order; it
      // writes its file itself (atomically, SeqRecFile) and emits nothing
      histories
          .keyBy(new CorpusOrderKey(settings.seed()))
          .transform(
              "train-seqrec",
              TypeInformation.of(Long.class),
              new TrainSeqRec(seqrec, sinks.seqrecModel()))
          .uid("train-seqrec")
          .setParallelism(1)
          .sinkTo(new DiscardingSink<>())
          .name("seqrec-done")
          .uid("seqrec-done")
          .setParallelism(1);
    }
    if (nextItem.enabled() && sinks.nextItemModel() != null) {
      // the next-item model (linear + sequential kNN): one model over the catalogue, in the same
      // fixed order; it writes its file itself (atomically, NextItemFile) and emits nothing
      histories
          .keyBy(new CorpusOrderKey(settings.seed()))
          .transform(
              "fit-next-item",
              TypeInformation.of(Long.class),
              new TrainNextItem(nextItem, sinks.nextItemModel()))
          .uid("fit-next-item")
          .setParallelism(1)
          .sinkTo(new DiscardingSink<>())
          .name("next-item-done")
          .uid("next-item-done")
          .setParallelism(1);
    }
    DataStream<ItemPiece> pieces =
        shoppers
            .union(neighbours)
            .union(
                learned
                    .map(new BehaviourVector())
                    .name("behaviour-vectors")
                    .uid("behaviour-vectors")
                    .setParallelism(1));
    String contentModel = null;
    if (catalogue != null) {
      SingleOutputStreamOperator<Item> items =
          env.fromSource(catalogue, WatermarkStrategy.noWatermarks(), "catalogue-files")
              .uid("catalogue-files")
              .process(new ParseItems())
              .name("parse-catalogue")
              .uid("parse-catalogue");
      // catalogue entries go, keyed by item, to the item rows, and to the sample of titles the
      // content model for the cold items is fitted on (while item2vec trains); the fit writes the
      // model to a file and emits nothing, but feeds item-features so that it runs after the fit
      contentModel =
          Objects.requireNonNull(
              sinks.contentModel(), "sinks.contentModel (a catalogue's cold items need it)");
      pieces =
          pieces
              .union(
                  pin(
                      items
                          .map(new CataloguePiece())
                          .name("catalogue-pieces")
                          .uid("catalogue-pieces"),
                      p))
              .union(ColdStartVectors.wire(items, learned, content, contentModel, modelVersion, p));
    }
    // an item with no item2vec vector but a catalogue title gets its content vector here, in the
    // subtask that owns the item
    SingleOutputStreamOperator<ItemFeatures> rows =
        pin(
            pieces
                .keyBy(new ItemPieceKey())
                .process(
                    new AssembleItemFeatures(settings.coViewTopN(), modelVersion, contentModel))
                .name("item-features")
                .uid("item-features"),
            p);
    pin(rows.sinkTo(sinks.items()).name("item-parts").uid("item-parts"), p);
    if (sinks.index() != null) {
      // each sink subtask owns one shard: the partitioner sends it exactly that shard's items
      pin(
          rows.partitionCustom(new IndexShardSink.ByShard(), new ItemId())
              .sinkTo(sinks.index())
              .name("index-shards")
              .uid("index-shards"),
          p);
    }

    // profiles: each subtask gets every item2vec vector (a copy of the catalogue's vectors, not of
    // the history)
    SingleOutputStreamOperator<UserProfile> profiles =
        pin(
            histories
                .keyBy(new HistoryKey())
                .connect(learned.broadcast(BuildProfiles.VECTORS))
                .process(
                    new BuildProfiles(
                        settings.dim(),
                        modelVersion,
                        settings.recentItems(),
                        settings.halfLifeMs()))
                .name("user-profiles")
                .uid("user-profiles"),
            p);
    pin(profiles.sinkTo(sinks.profiles()).name("profile-parts").uid("profile-parts"), p);
    return new Outputs(rows, pairCounts, parsed, profiles);
  }

  /**
   * Pins an operator to the environment's parallelism when one is set: Flink's adaptive batch
   * scheduler would otherwise size operators from the bytes of their input (as seen for the reason
   * job on the session cluster).
   */
  private static <T> SingleOutputStreamOperator<T> pin(SingleOutputStreamOperator<T> op, int p) {
    return p > 0 ? op.setParallelism(p) : op;
  }

  private static <T> DataStreamSink<T> pin(DataStreamSink<T> sink, int p) {
    return p > 0 ? sink.setParallelism(p) : sink;
  }

  /** An item row's id. */
  static final class ItemId implements KeySelector<ItemFeatures, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(ItemFeatures f) {
      return f.id();
    }
  }

  /**
   * item2vec's vector as an item piece (a run without a catalogue has no content vectors to add).
   */
  static final class BehaviourVector implements MapFunction<ItemFact, ItemPiece> {
    private static final long serialVersionUID = 1L;

    @Override
    public ItemPiece map(ItemFact f) {
      return ItemPiece.vector(f.key(), f.vector(), ItemFeatures.VectorSource.BEHAVIOUR);
    }
  }

  /** A catalogue entry as an item piece. */
  static final class CataloguePiece implements MapFunction<Item, ItemPiece> {
    private static final long serialVersionUID = 1L;

    @Override
    public ItemPiece map(Item item) {
      return ItemPiece.catalogue(item);
    }
  }
}
