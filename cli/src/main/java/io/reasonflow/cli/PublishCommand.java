package io.reasonflow.cli;

import io.reasonflow.index.IndexVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Switches the live index version: the step after a backfill has written a new index beside the
 * served one.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description =
        "Make VERSION (a directory under ROOT holding a committed index, e.g. a backfill's "
            + "<out>/index) the live index: ROOT/current is replaced in one atomic rename. A running "
            + "'serve --index ROOT' switches at its next refresh, answering every request from the old or the new "
            + "version.")
final class PublishCommand implements Callable<Integer> {
  @Option(
      names = "--root",
      required = true,
      paramLabel = "ROOT",
      description = "Version root that 'serve --index' was given.")
  Path root;

  @Parameters(paramLabel = "VERSION", description = "Index directory under ROOT to make live.")
  Path version;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path before =
        Files.exists(root.resolve(IndexVersions.CURRENT)) ? IndexVersions.resolve(root) : null;
    IndexVersions.publish(root, version);
    spec.commandLine()
        .getOut()
        .printf(
            "published %s as %s (was %s)%n",
            IndexVersions.resolve(root),
            root.resolve(IndexVersions.CURRENT),
            before == null ? "none" : before);
    return 0;
  }
}
