package dev.graft.protocol;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Blocking framing for the client side: a 4-byte big-endian length, then that many bytes of JSON. */
public final class Frames {
  public static final int HEADER_BYTES = 4;

  private Frames() {}

  public static void write(OutputStream out, byte[] payload) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(payload.length);
    data.write(payload);
    data.flush();
  }

  public static byte[] read(InputStream in, int maxBytes) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int length;
    try {
      length = data.readInt();
    } catch (EOFException e) {
      throw new EOFException("the agent closed the connection without replying");
    }
    if (length < 0 || length > maxBytes) {
      throw new IOException("frame of " + length + " bytes exceeds the limit of " + maxBytes);
    }
    byte[] payload = new byte[length];
    data.readFully(payload);
    return payload;
  }
}
