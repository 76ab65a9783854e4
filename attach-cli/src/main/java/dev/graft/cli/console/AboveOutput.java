package dev.graft.cli.console;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.reader.LineReader;

/**
 * What commands print in a terminal console, a line at a time, above the prompt (JLine's printAbove): a
 * watch's values appear while the user types the next command, and the line being typed stays intact.
 */
final class AboveOutput extends OutputStream {
  private final LineReader reader;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  AboveOutput(LineReader reader) {
    this.reader = reader;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      String line = pending.toString(StandardCharsets.UTF_8);
      pending.reset();
      reader.printAbove(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    } else {
      pending.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** What is left without its line's end (a prompt-less print) is shown too when the stream is closed. */
  @Override
  public synchronized void close() {
    if (pending.size() > 0) {
      write('\n');
    }
  }
}
