package io.reasonflow.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Damages real index files on disk the way a bad copy or disk does: cut short, or bytes flipped in
 * place.
 */
public final class Damage {
  private Damage() {}

  /**
   * The index directory's compound file ({@code _N.cfs}), the largest one when there are several.
   */
  public static Path compoundFile(Path indexDir) {
    try (Stream<Path> files = Files.list(indexDir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".cfs"))
          .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
          .orElseThrow(() -> new AssertionError("no compound file in " + indexDir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cuts {@code file} to {@code fraction} of its length. */
  public static void truncate(Path file, double fraction) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate((long) (ch.size() * fraction));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Inverts {@code count} bytes at seeded positions in the second half of {@code file} (at most the
   * whole half), writing in place so a reader that has the file memory-mapped sees the damage too.
   */
  public static void flipSecondHalf(Path file, int count, long seed) {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long half = ch.size() / 2;
      Random random = new Random(seed);
      ByteBuffer one = ByteBuffer.allocate(1);
      for (int i = 0; i < count; i++) {
        long pos = half + (long) (random.nextDouble() * (ch.size() - half));
        one.clear();
        ch.read(one, pos);
        one.flip();
        byte b = one.get(0);
        one.clear();
        one.put((byte) ~b).flip();
        ch.write(one, pos);
      }
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
