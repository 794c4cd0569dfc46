package io.reasonflow.common.seqrec;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The header every model file the backfill writes opens with: a UTF magic string naming the kind of
 * file, then the int format version. Read here once for all of them (this package's models and the
 * feature job's content model), so a wrong file or an old format is refused in the same words
 * whichever model it is.
 */
public final class ModelFileHeader {
  private ModelFileHeader() {}

  /**
   * Reads the header of {@code file} from {@code in}.
   *
   * @param kind what the file is, in the messages: "sequential model", "next-item model"
   * @throws IOException naming the file: not a file of this kind, or of another format version
   */
  public static void check(DataInputStream in, Path file, String magic, int version, String kind)
      throws IOException {
    String found;
    try {
      found = in.readUTF();
    } catch (IOException e) {
      found = null;
    }
    if (!magic.equals(found)) {
      throw new IOException(file + " is not a " + kind + " file");
    }
    int v = in.readInt();
    if (v != version) {
      throw new IOException(
          String.format(
              "%s is a %s of format version %d; this build reads version %d: "
                  + "retrain it (run the feature job's backfill again)",
              file, kind, v, version));
    }
  }
}
