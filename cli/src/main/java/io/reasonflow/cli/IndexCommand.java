package io.reasonflow.cli;

import io.reasonflow.common.store.FeatureLayout;
import io.reasonflow.index.IndexBuildStats;
import io.reasonflow.index.IndexBuilder;
import io.reasonflow.index.IndexSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Bulk-loads the feature job's item features into a Lucene HNSW index. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = "Build the Lucene HNSW item index from a feature job output directory.")
final class IndexCommand implements Callable<Integer> {
  @Option(
      names = "--features",
      required = true,
      paramLabel = "DIR",
      description = "Feature job output directory.")
  Path features;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Index directory (default: <features>/index).")
  Path out;

  @Mixin ConfigOptions config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    FeatureLayout layout = new FeatureLayout(features);
    Path dir = out != null ? out : layout.index();
    IndexBuildStats s = IndexBuilder.build(layout.items(), dir, IndexSettings.from(config.load()));
    spec.commandLine().getOut().printf("index: %s%nwritten to %s%n", s, dir.toAbsolutePath());
    return 0;
  }
}
