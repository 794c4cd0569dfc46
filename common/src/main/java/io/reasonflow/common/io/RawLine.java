package io.reasonflow.common.io;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A line as read from a file, before decoding: kept as bytes so that invalid UTF-8 is detected and
 * dead-lettered rather than silently replaced with U+FFFD.
 *
 * @param source the file it came from
 * @param lineNumber 1-based line number
 * @param bytes the line without its terminator (for a damaged line: what could be read of it)
 * @param damage why the file cannot be read from this line on (a {@code .gz} cut short or corrupt),
 *     or {@code null} for a whole line. The reader ends the file with such a line rather than
 *     failing, so the lines before it are kept and the damage becomes one dead letter ({@link
 *     DeadLetterReason#DAMAGED_GZIP}).
 */
public record RawLine(String source, long lineNumber, byte[] bytes, String damage)
    implements Serializable {

  /** A whole line. */
  public RawLine(String source, long lineNumber, byte[] bytes) {
    this(source, lineNumber, bytes, null);
  }

  /** The line as text, or empty when it is not valid UTF-8. */
  public Optional<String> decodeStrict() {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * The line with every byte outside printable ASCII escaped, for a dead letter that must keep all
   * of it.
   */
  public String escaped() {
    StringBuilder sb = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f || c == '\t') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02X", c));
      }
    }
    return sb.toString();
  }
}
