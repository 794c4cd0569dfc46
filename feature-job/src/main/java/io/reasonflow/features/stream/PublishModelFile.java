package io.reasonflow.features.stream;

import org.apache.flink.api.common.functions.MapFunction;

/**
 * Publishes a model from outside ({@code features.stream.model}) as a file in {@code
 * features.stream.model-dir} ({@link ModelFiles}) and passes on its reference, so that only the
 * reference reaches the retrainer and the broadcasts. Stateless: a model from outside arrives once
 * (and if its source replays it, the same version is written again and ignored downstream).
 */
public final class PublishModelFile implements MapFunction<ItemModel, ModelRef> {
  private static final long serialVersionUID = 1L;
  private final String dir;

  public PublishModelFile(String dir) {
    this.dir = dir;
  }

  @Override
  public ModelRef map(ItemModel model) throws Exception {
    return ModelFiles.write(dir, model, ModelFiles.OUTSIDE);
  }
}
