package io.reasonflow.features.stream;

import io.reasonflow.features.core.Item2Vec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic item2vec retraining in the streaming job. Input 1: closed sessions as training sequences
 * ({@link UserSessions#SESSION_ITEMS}); input 2: models from outside (the initial model of {@code
 * features.stream.model}), as published files ({@link ModelRef}). Output: each model it trains,
 * written to {@code features.stream.model-dir} ({@link ModelFiles}, on the training thread) and
 * sent as its reference, to be broadcast with the outside ones.
 *
 * <p><b>Corpus.</b> The most recent {@code features.stream.retrain.corpus-sessions} sequences,
 * oldest evicted. In {@code session} sequence mode one per session; in {@code user} mode one per
 * shopper, their sessions joined in order (capped at {@code features.stream.max-profile-events}
 * items, the window the profile uses), and a shopper's new session moves their sequence to the
 * newest end. Held in memory; not in every checkpoint whole: each training first spills the corpus
 * it trains on to a file in {@code features.stream.model-dir} ({@link CorpusFiles}), and operator
 * state holds that file's path plus the sequences added since (each as it left the update: key and
 * whole sequence), so a checkpoint grows with the sessions since the last training ({@code
 * every-sessions} at most when training by count), not with the corpus. A restore reads the file
 * and replays the sequences since, in order, with the same eviction, so it trains on the same
 * corpus.
 *
 * <p><b>When.</b> After {@code every-sessions} closed sessions, or once {@code every} of processing
 * time has passed since the previous training and a session closed since, whichever first; not
 * before the first model from outside has arrived (or that input has ended), so that retrained
 * versions follow the initial one and its catalogue metadata and vectors are carried over.
 *
 * <p><b>Without blocking.</b> Training runs on a single background thread, on a copy of the corpus
 * (the sequences themselves are immutable), so checkpoints and new sessions go on meanwhile; the
 * finished model is handed back through the mailbox and emitted on the task thread, as Flink
 * requires. A checkpoint taken during a training does not contain it: the sessions it was started
 * for still count as untrained, so after a restore it simply runs again. At most one training runs
 * at a time; one that becomes due meanwhile starts when it finishes. When the input ends (bounded
 * runs), the operator waits for the training in flight and any that is then due.
 *
 * <p><b>Versions.</b> Each model is the current model's version + 1; the current model (the last
 * one trained or received, whichever is newer) is held in memory, and only its reference is in
 * operator state (it is reloaded from its file on restore), so versions keep increasing across
 * restores and the vectors are not in every checkpoint. A version trained but not checkpointed
 * before a failure is issued again after the restore; its outputs were never committed, so no
 * reader saw the first one. A model from outside that is newer than the current one replaces it; a
 * training that finishes behind such a model is discarded.
 *
 * <p><b>Model.</b> {@link NextModel}: learned vectors, plus the previous model's other items mapped
 * into the new space, so no item loses its vector. Parallelism must be 1: skip-gram needs the whole
 * corpus in one model.
 *
 * <p><b>Next-item model.</b> With {@code features.linear-next.enabled} and {@code
 * features.stream.retrain.next-item}, each training is followed, on the same thread and the same
 * corpus snapshot (the entries just spilled), by a refit of the backfill's next-item model, which
 * {@link NextItemRefit} publishes to the backfill output the job maintains; its outcome is handed
 * back through the mailbox too, after the item2vec model. A training that becomes due meanwhile
 * waits for the refit on the same thread (item2vec's cadence slows by the fit's time, which {@code
 * lastNextItemFitMillis} shows). A failed refit is logged and counted, and the job goes on; a
 * bounded run waits for it as for the training.
 *
 * <p>Metrics: gauges {@code modelVersion}, {@code lastTrainingMillis} (duration of the last
 * training), {@code lastTrainedAt} (epoch ms it finished), {@code corpusSequences}, {@code
 * sessionsSinceTraining}; counter {@code modelsTrained}; accumulator {@link #MODELS_TRAINED}; and
 * the refit's ({@link NextItemRefit}).
 */
public final class RetrainItemModel extends AbstractStreamOperator<ModelRef>
    implements TwoInputStreamOperator<SessionItems, ModelRef, ModelRef>, BoundedMultiInput {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RetrainItemModel.class);

  /**
   * Accumulator: models this job trained (each attempt's count; tests read it from the job result).
   */
  public static final String MODELS_TRAINED = "item2vec-models-trained";

  private final StreamSettings s;
  private final transient MailboxExecutor mailbox;

  private transient ListState<String> corpusFileState;
  private transient ListState<String[]> sinceFileState;
  private transient ListState<ModelRef> modelState;
  private transient ListState<Long> progressState;

  /** Key (shopper, or shopper + session start) to sequence, oldest first. */
  private transient LinkedHashMap<String, List<String>> corpus;

  /** The corpus file of the last training (null before the first), and the entries added since. */
  private transient String corpusFile;

  private transient List<String[]> sinceFile;

  /**
   * Counts compactions of {@link #sinceFile}, so a training started before one does not trim it.
   */
  private transient int sinceFileGeneration;

  private transient ItemModel current;
  private transient ModelRef currentRef;
  private transient long sessionsSinceTraining;
  private transient boolean outsideModelsDone;

  private transient ExecutorService trainer;
  private transient boolean training;

  /** Null unless the next-item model is refitted after each training ({@link NextItemRefit}). */
  private transient NextItemRefit refit;

  /** Refits started or queued on the training thread whose outcome is not handed back yet. */
  private transient int refitsPending;

  private transient long lastStartedAt;
  private transient ScheduledFuture<?> timer;
  private transient LongCounter trainedAccumulator;
  private transient org.apache.flink.metrics.Counter trainedCounter;
  private transient volatile long modelVersion;
  private transient volatile long lastTrainingMillis;
  private transient volatile long lastTrainedAt;
  private transient volatile int corpusSize;
  private transient volatile long sinceGauge;

  private RetrainItemModel(StreamOperatorParameters<ModelRef> parameters, StreamSettings s) {
    super(parameters);
    this.s = s;
    this.mailbox = parameters.getMailboxExecutor();
  }

  /** Creates the operator with the task's mailbox, through which finished models are emitted. */
  public static final class Factory extends AbstractStreamOperatorFactory<ModelRef>
      implements TwoInputStreamOperatorFactory<SessionItems, ModelRef, ModelRef> {
    private static final long serialVersionUID = 1L;
    private final StreamSettings s;

    public Factory(StreamSettings s) {
      this.s = s;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<ModelRef>> T createStreamOperator(
        StreamOperatorParameters<ModelRef> p) {
      return (T) new RetrainItemModel(p, s);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
      return RetrainItemModel.class;
    }
  }

  @Override
  public void initializeState(StateInitializationContext ctx) throws Exception {
    super.initializeState(ctx);
    var store = ctx.getOperatorStateStore();
    corpusFileState =
        store.getListState(new ListStateDescriptor<>("retrain-corpus-file", Types.STRING));
    sinceFileState =
        store.getListState(
            new ListStateDescriptor<>(
                "retrain-corpus-since", BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO));
    // the whole corpus, as savepoints before it was spilled held it: replayed once, then dropped
    ListState<String[]> legacyCorpus =
        store.getListState(
            new ListStateDescriptor<>("retrain-corpus", BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO));
    modelState =
        store.getListState(
            new ListStateDescriptor<>("retrain-model-file", TypeInformation.of(ModelRef.class)));
    // the whole model, as savepoints before models became files held it: read once, then dropped
    ListState<ItemModel> legacyModel =
        store.getListState(
            new ListStateDescriptor<>("retrain-model", TypeInformation.of(ItemModel.class)));
    progressState =
        store.getListState(new ListStateDescriptor<>("retrain-sessions-since", Types.LONG));
    corpus = new LinkedHashMap<>();
    sinceFile = new ArrayList<>();
    // each entry: key, then the items, oldest entry first
    for (String path : corpusFileState.get()) {
      corpusFile = path;
      for (String[] entry : CorpusFiles.read(path)) {
        corpus.put(entry[0], List.of(Arrays.copyOfRange(entry, 1, entry.length)));
      }
    }
    for (String[] entry : legacyCorpus.get()) {
      add(entry);
    }
    legacyCorpus.clear();
    for (String[] entry : sinceFileState.get()) {
      add(entry);
    }
    for (ModelRef ref : modelState.get()) {
      currentRef = ref;
      current = ModelFiles.read(ref);
    }
    for (ItemModel m : legacyModel.get()) {
      if (currentRef == null || m.version() > currentRef.version()) {
        current = m;
        currentRef = ModelFiles.write(s.modelDir(), m, ModelFiles.RETRAINED);
      }
    }
    legacyModel.clear();
    for (Long n : progressState.get()) {
      sessionsSinceTraining = n;
    }
    if (ctx.isRestored()) {
      LOG.info(
          "item2vec retraining restored: {} sequences, model {}, {} sessions untrained",
          corpus.size(),
          current,
          sessionsSinceTraining);
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    trainer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "item2vec-retrain");
              t.setDaemon(
                  true); // a cancelled task must not keep the JVM alive for a training nobody will
              // use
              return t;
            });
    trainedAccumulator = new LongCounter();
    getRuntimeContext().addAccumulator(MODELS_TRAINED, trainedAccumulator);
    var m = getMetricGroup();
    trainedCounter = m.counter("modelsTrained");
    m.gauge("modelVersion", () -> modelVersion);
    m.gauge("lastTrainingMillis", () -> lastTrainingMillis);
    m.gauge("lastTrainedAt", () -> lastTrainedAt);
    m.gauge("corpusSequences", () -> corpusSize);
    m.gauge("sessionsSinceTraining", () -> sinceGauge);
    refit = s.refitNextItem() ? new NextItemRefit(s, m) : null;
    modelVersion = current == null ? 0 : current.version();
    corpusSize = corpus.size();
    sinceGauge = sessionsSinceTraining;
    lastStartedAt = getProcessingTimeService().getCurrentProcessingTime();
    if (s.retrainEveryMs() > 0) {
      schedule(lastStartedAt + s.retrainEveryMs());
    }
  }

  @Override
  public void processElement1(StreamRecord<SessionItems> element) throws Exception {
    SessionItems session = element.getValue();
    String key;
    List<String> sequence;
    if (s.features().sequenceMode()
        == io.reasonflow.features.core.FeatureSettings.SequenceMode.USER) {
      key = session.user();
      sequence = joined(corpus.get(key), session.items(), s.maxProfileEvents());
    } else {
      key = session.user() + "\t" + session.start();
      sequence = session.items();
    }
    add(entry(key, sequence));
    sessionsSinceTraining++;
    sinceGauge = sessionsSinceTraining;
    maybeTrain();
  }

  /**
   * Puts an entry (key, then items) at the newest end of the corpus, evicts the oldest past {@code
   * corpus-sessions}, and records it as added since the corpus file: the one update both a new
   * session and a restore's replay make, so a replay rebuilds the same corpus.
   */
  private void add(String[] entry) {
    corpus.remove(entry[0]);
    corpus.put(entry[0], List.of(Arrays.copyOfRange(entry, 1, entry.length)));
    while (corpus.size() > s.retrainCorpusSessions()) {
      corpus.pollFirstEntry();
    }
    sinceFile.add(entry);
    corpusSize = corpus.size();
    if (sinceFile.size() > corpus.size()) {
      // no training for a while (no model yet, or training by time only): the corpus itself is
      // then the shorter replay, and no file is needed. Amortised: it takes corpus.size() more
      // sessions to get here again
      List<String[]> all = new ArrayList<>(corpus.size());
      corpus.forEach((key, items) -> all.add(entry(key, items)));
      sinceFile = all;
      corpusFile = null;
      sinceFileGeneration++;
    }
  }

  private static String[] entry(String key, List<String> items) {
    String[] e = new String[items.size() + 1];
    e[0] = key;
    for (int i = 0; i < items.size(); i++) {
      e[i + 1] = items.get(i);
    }
    return e;
  }

  /**
   * A shopper's sequence with a new session appended (a repeat across the boundary collapsed),
   * capped at the newest {@code cap} items: how the corpus joins a shopper's sessions in {@code
   * user} mode, and how {@link NextItemRefit} joins them in {@code session} mode.
   */
  static List<String> joined(List<String> before, List<String> session, int cap) {
    List<String> all = new ArrayList<>(before == null ? List.of() : before);
    for (String item : session) {
      if (all.isEmpty() || !all.getLast().equals(item)) {
        all.add(item);
      }
    }
    return List.copyOf(all.size() <= cap ? all : all.subList(all.size() - cap, all.size()));
  }

  @Override
  public void processElement2(StreamRecord<ModelRef> element) throws Exception {
    ModelRef ref = element.getValue();
    if (ref.newerThan(currentRef)) {
      current = ModelFiles.read(ref);
      currentRef = ref;
      modelVersion = ref.version();
    }
    maybeTrain();
  }

  @Override
  public void endInput(int inputId) throws Exception {
    if (inputId == 2) {
      outsideModelsDone = true;
      maybeTrain();
    }
  }

  private void maybeTrain() {
    if (training
        || corpus.isEmpty()
        || current == null && !outsideModelsDone
        || sessionsSinceTraining == 0) {
      return;
    }
    long now = getProcessingTimeService().getCurrentProcessingTime();
    boolean byCount =
        s.retrainEverySessions() > 0 && sessionsSinceTraining >= s.retrainEverySessions();
    boolean byTime = s.retrainEveryMs() > 0 && now - lastStartedAt >= s.retrainEveryMs();
    if (byCount || byTime) {
      start(now);
    }
  }

  private void start(long now) {
    // the sequences are immutable lists, so a shallow copy is a consistent snapshot for the
    // training thread
    List<List<String>> snapshot = new ArrayList<>(corpus.values());
    List<String[]> entries = new ArrayList<>(corpus.size());
    corpus.forEach((key, items) -> entries.add(entry(key, items)));
    int spilled = sinceFile.size();
    int generation = sinceFileGeneration;
    ItemModel base = current;
    NextItemRefit nextItem = refit;
    if (nextItem != null) {
      refitsPending++;
    }
    long version = (base == null ? 0 : base.version()) + 1;
    long sessions = sessionsSinceTraining;
    training = true;
    lastStartedAt = now;
    LOG.info(
        "item2vec retraining v{} on {} sequences ({} sessions since the last training)",
        version,
        snapshot.size(),
        sessions);
    trainer.execute(
        () -> {
          try {
            String corpusPath = CorpusFiles.write(s.modelDir(), version, entries);
            Item2Vec.Result r =
                Item2Vec.train(snapshot, s.features(), line -> LOG.info("v{}: {}", version, line));
            NextModel.Result next = NextModel.of(base, r.vectors(), s.features().dim(), version);
            ModelRef ref = ModelFiles.write(s.modelDir(), next.model(), ModelFiles.RETRAINED);
            mailbox.execute(
                () -> {
                  spilledTo(corpusPath, spilled, generation);
                  finished(next, ref, r.trainMillis(), sessions);
                },
                "emit item2vec model v%d",
                version);
            if (nextItem != null) {
              // the next-item model on the same corpus; item2vec's model is out first, and a
              // failed refit only logs and counts (NextItemRefit)
              NextItemRefit.Outcome o = nextItem.fit(entries, version);
              mailbox.execute(
                  () -> {
                    refitsPending--;
                    nextItem.finished(o);
                  },
                  "report next-item model v%d",
                  version);
            }
          } catch (RejectedExecutionException closed) {
            LOG.info("item2vec model v{} trained after the task stopped; dropped", version);
          } catch (Throwable t) {
            try {
              mailbox.execute(
                  () -> {
                    throw new IllegalStateException(
                        "item2vec retraining v" + version + " failed", t);
                  },
                  "fail item2vec retraining");
            } catch (RejectedExecutionException closed) {
              LOG.warn("item2vec retraining v{} failed after the task stopped", version, t);
            }
          }
        });
  }

  /**
   * On the task thread: the corpus file written for a training becomes the base; the first {@code
   * spilled} entries added since the previous one are in it.
   */
  private void spilledTo(String path, int spilled, int generation) {
    if (generation != sinceFileGeneration) {
      return; // compacted meanwhile: the entries since already replay the whole corpus
    }
    corpusFile = path;
    sinceFile = new ArrayList<>(sinceFile.subList(spilled, sinceFile.size()));
  }

  /** On the task thread: emits the model unless a newer one arrived from outside meanwhile. */
  private void finished(NextModel.Result next, ModelRef ref, long trainMillis, long sessions) {
    training = false;
    sessionsSinceTraining = Math.max(0, sessionsSinceTraining - sessions);
    sinceGauge = sessionsSinceTraining;
    ItemModel m = next.model();
    if (!ref.newerThan(currentRef)) {
      LOG.info(
          "item2vec model v{} discarded: model v{} arrived meanwhile",
          m.version(),
          currentRef.version());
      ModelFiles.deleteQuietly(ref);
    } else {
      current = m;
      currentRef = ref;
      modelVersion = m.version();
      lastTrainingMillis = trainMillis;
      lastTrainedAt = System.currentTimeMillis();
      trainedCounter.inc();
      trainedAccumulator.add(1);
      LOG.info(
          "item2vec model v{}: {} items learned, {} mapped from the previous model, {} kept as they were, "
              + "{} dropped; {} ms",
          m.version(),
          next.learned(),
          next.mapped(),
          next.keptAsIs(),
          next.dropped(),
          trainMillis);
      output.collect(new StreamRecord<>(ref));
    }
    maybeTrain();
  }

  private void schedule(long at) {
    timer = getProcessingTimeService().registerTimer(at, this::onTime);
  }

  /** Processing-time check for the {@code every} trigger, when no session arrives to make it. */
  private void onTime(long timestamp) {
    maybeTrain();
    long next = lastStartedAt + s.retrainEveryMs();
    schedule(next > timestamp ? next : timestamp + s.retrainEveryMs());
  }

  @Override
  public void finish() throws Exception {
    // a bounded run: the model in flight (and any then due) still reaches the profiles and the
    // index
    while (training || refitsPending > 0) {
      mailbox.yield();
    }
    if (timer != null) {
      timer.cancel(false);
    }
    super.finish();
  }

  @Override
  public void snapshotState(StateSnapshotContext ctx) throws Exception {
    super.snapshotState(ctx);
    corpusFileState.update(corpusFile == null ? List.of() : List.of(corpusFile));
    sinceFileState.update(sinceFile);
    modelState.update(currentRef == null ? List.of() : List.of(currentRef));
    progressState.update(List.of(sessionsSinceTraining));
  }

  @Override
  public void close() throws Exception {
    if (timer != null) {
      timer.cancel(false);
    }
    if (trainer != null) {
      trainer.shutdownNow();
    }
    super.close();
  }
}
