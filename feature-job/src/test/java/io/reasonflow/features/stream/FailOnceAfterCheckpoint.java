package io.reasonflow.features.stream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Fault injection for recovery tests: passes events through, slowly (5 ms each) so that checkpoints
 * complete while input remains, and throws once, {@code afterRecords} events after the first
 * completed checkpoint. The flags are static (one JVM in a MiniCluster) so the restarted attempt
 * passes everything at full speed.
 */
public final class FailOnceAfterCheckpoint
    implements MapFunction<StreamEvent, StreamEvent>, CheckpointListener {
  private static final long serialVersionUID = 1L;
  static final AtomicBoolean FAILED = new AtomicBoolean();
  static final AtomicLong FAILED_AFTER_CHECKPOINT = new AtomicLong(-1);
  private final int afterRecords;

  /** 0: none yet (checkpoint ids start at 1; transient fields are 0 after deserialisation). */
  private transient volatile long completedCheckpoint;

  private transient long sinceCheckpoint;

  public FailOnceAfterCheckpoint(int afterRecords) {
    this.afterRecords = afterRecords;
  }

  @Override
  public StreamEvent map(StreamEvent e) throws Exception {
    if (FAILED.get()) {
      return e;
    }
    Thread.sleep(5);
    if (completedCheckpoint > 0
        && ++sinceCheckpoint >= afterRecords
        && FAILED.compareAndSet(false, true)) {
      FAILED_AFTER_CHECKPOINT.set(completedCheckpoint);
      throw new IllegalStateException("injected failure after checkpoint " + completedCheckpoint);
    }
    return e;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    if (completedCheckpoint == 0) {
      completedCheckpoint = checkpointId;
    }
  }
}
