package io.reasonflow.features.sinks;

import io.reasonflow.common.store.JsonLines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Staged batches in checkpoints: checkpoint id, staging time, then each record as length-prefixed
 * JSON (the records' public JSON form, so a checkpoint survives changes to their Java classes that
 * keep the JSON readable).
 */
public final class StagedBatchSerializer<T> implements SimpleVersionedSerializer<StagedBatch<T>> {
  private static final int VERSION = 1;
  private final Class<T> type;

  public StagedBatchSerializer(Class<T> type) {
    this.type = type;
  }

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(StagedBatch<T> b) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(b.checkpointId());
      out.writeLong(b.stagedAtMs());
      out.writeInt(b.records().size());
      for (T r : b.records()) {
        byte[] json = JsonLines.MAPPER.writeValueAsBytes(r);
        out.writeInt(json.length);
        out.write(json);
      }
    }
    return bytes.toByteArray();
  }

  @Override
  public StagedBatch<T> deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException(
          "unknown staged batch version " + version + " (this build reads " + VERSION + ")");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      long checkpointId = in.readLong();
      long stagedAt = in.readLong();
      int n = in.readInt();
      List<T> records = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        records.add(JsonLines.MAPPER.readValue(json, type));
      }
      return new StagedBatch<>(checkpointId, stagedAt, records);
    }
  }
}
