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
 * features.stream.model}). Output: each model it trains, to be broadcast with the outside ones.
 *
 * <p><b>Corpus.</b> The most recent {@code features.stream.retrain.corpus-sessions} sequences,
 * oldest evicted. In {@code session} sequence mode one per session; in {@code user} mode one per
 * shopper, their sessions joined in order (capped at {@code features.stream.max-profile-events}
 * items, the window the profile uses), and a shopper's new session moves their sequence to the
 * newest end. Operator state, so a restore trains on the same corpus.
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
 * one trained or received, whichever is newer) is in operator state, so versions keep increasing
 * across restores. A version trained but not checkpointed before a failure is issued again after
 * the restore; its outputs were never committed, so no reader saw the first one. A model from
 * outside that is newer than the current one replaces it; a training that finishes behind such a
 * model is discarded.
 *
 * <p><b>Model.</b> {@link NextModel}: learned vectors, plus the previous model's other items mapped
 * into the new space, so no item loses its vector. Parallelism must be 1: skip-gram needs the whole
 * corpus in one model.
 *
 * <p>Metrics: gauges {@code modelVersion}, {@code lastTrainingMillis} (duration of the last
 * training), {@code lastTrainedAt} (epoch ms it finished), {@code corpusSequences}, {@code
 * sessionsSinceTraining}; counter {@code modelsTrained}; accumulator {@link #MODELS_TRAINED}.
 */
public final class RetrainItemModel extends AbstractStreamOperator<ItemModel>
    implements TwoInputStreamOperator<SessionItems, ItemModel, ItemModel>, BoundedMultiInput {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RetrainItemModel.class);

  /**
   * Accumulator: models this job trained (each attempt's count; tests read it from the job result).
   */
  public static final String MODELS_TRAINED = "item2vec-models-trained";

  private final StreamSettings s;
  private final transient MailboxExecutor mailbox;

  private transient ListState<String[]> corpusState;
  private transient ListState<ItemModel> modelState;
  private transient ListState<Long> progressState;

  /** Key (shopper, or shopper + session start) to sequence, oldest first. */
  private transient LinkedHashMap<String, List<String>> corpus;

  private transient ItemModel current;
  private transient long sessionsSinceTraining;
  private transient boolean outsideModelsDone;

  private transient ExecutorService trainer;
  private transient boolean training;
  private transient long lastStartedAt;
  private transient ScheduledFuture<?> timer;
  private transient LongCounter trainedAccumulator;
  private transient org.apache.flink.metrics.Counter trainedCounter;
  private transient volatile long modelVersion;
  private transient volatile long lastTrainingMillis;
  private transient volatile long lastTrainedAt;
  private transient volatile int corpusSize;
  private transient volatile long sinceGauge;

  private RetrainItemModel(StreamOperatorParameters<ItemModel> parameters, StreamSettings s) {
    super(parameters);
    this.s = s;
    this.mailbox = parameters.getMailboxExecutor();
  }

  /** Creates the operator with the task's mailbox, through which finished models are emitted. */
  public static final class Factory extends AbstractStreamOperatorFactory<ItemModel>
      implements TwoInputStreamOperatorFactory<SessionItems, ItemModel, ItemModel> {
    private static final long serialVersionUID = 1L;
    private final StreamSettings s;

    public Factory(StreamSettings s) {
      this.s = s;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends StreamOperator<ItemModel>> T createStreamOperator(
        StreamOperatorParameters<ItemModel> p) {
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
    corpusState =
        store.getListState(
            new ListStateDescriptor<>("retrain-corpus", BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO));
    modelState =
        store.getListState(
            new ListStateDescriptor<>("retrain-model", TypeInformation.of(ItemModel.class)));
    progressState =
        store.getListState(new ListStateDescriptor<>("retrain-sessions-since", Types.LONG));
    corpus = new LinkedHashMap<>();
    // each entry: key, then the items, oldest entry first
    for (String[] entry : corpusState.get()) {
      corpus.put(entry[0], List.of(Arrays.copyOfRange(entry, 1, entry.length)));
    }
    for (ItemModel m : modelState.get()) {
      current = m;
    }
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
    if (s.features().sequenceMode()
        == io.reasonflow.features.core.FeatureSettings.SequenceMode.USER) {
      List<String> before = corpus.remove(session.user());
      corpus.put(session.user(), joined(before, session.items()));
    } else {
      corpus.put(session.user() + "\t" + session.start(), List.copyOf(session.items()));
    }
    while (corpus.size() > s.retrainCorpusSessions()) {
      corpus.pollFirstEntry();
    }
    corpusSize = corpus.size();
    sessionsSinceTraining++;
    sinceGauge = sessionsSinceTraining;
    maybeTrain();
  }

  /**
   * A shopper's sequence with a new session appended (a repeat across the boundary collapsed),
   * capped.
   */
  private List<String> joined(List<String> before, List<String> session) {
    List<String> all = new ArrayList<>(before == null ? List.of() : before);
    for (String item : session) {
      if (all.isEmpty() || !all.getLast().equals(item)) {
        all.add(item);
      }
    }
    int cap = s.maxProfileEvents();
    return List.copyOf(all.size() <= cap ? all : all.subList(all.size() - cap, all.size()));
  }

  @Override
  public void processElement2(StreamRecord<ItemModel> element) throws Exception {
    ItemModel m = element.getValue();
    if (current == null || m.version() > current.version()) {
      current = m;
      modelVersion = m.version();
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
    ItemModel base = current;
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
            Item2Vec.Result r =
                Item2Vec.train(snapshot, s.features(), line -> LOG.info("v{}: {}", version, line));
            NextModel.Result next = NextModel.of(base, r.vectors(), s.features().dim(), version);
            mailbox.execute(
                () -> finished(next, r.trainMillis(), sessions),
                "emit item2vec model v%d",
                version);
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

  /** On the task thread: emits the model unless a newer one arrived from outside meanwhile. */
  private void finished(NextModel.Result next, long trainMillis, long sessions) {
    training = false;
    sessionsSinceTraining = Math.max(0, sessionsSinceTraining - sessions);
    sinceGauge = sessionsSinceTraining;
    ItemModel m = next.model();
    if (current != null && current.version() >= m.version()) {
      LOG.info(
          "item2vec model v{} discarded: model v{} arrived meanwhile",
          m.version(),
          current.version());
    } else {
      current = m;
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
      output.collect(new StreamRecord<>(m));
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
    while (training) {
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
    List<String[]> entries = new ArrayList<>(corpus.size());
    corpus.forEach(
        (key, items) -> {
          String[] e = new String[items.size() + 1];
          e[0] = key;
          for (int i = 0; i < items.size(); i++) {
            e[i + 1] = items.get(i);
          }
          entries.add(e);
        });
    corpusState.update(entries);
    modelState.update(current == null ? List.of() : List.of(current));
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
