package dev.graft.channel;

import dev.graft.protocol.Frames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/** One client's partial frame and pending output, read and written without blocking the channel thread. */
final class Connection {
  /** What reading produced so far. */
  enum Progress { INCOMPLETE, FRAME, CLOSED, OVERSIZED }

  final SocketChannel socket;
  /** The user at the other end (SO_PEERCRED), named in the agent's log beside the client's pid. */
  final String peerUser;
  private final int maxFrameBytes;
  private final ByteBuffer header = ByteBuffer.allocate(Frames.HEADER_BYTES);
  private ByteBuffer body;
  private final ArrayDeque<ByteBuffer> output = new ArrayDeque<>();
  long lastActivity = System.currentTimeMillis();
  int claimedLength;
  boolean closeAfterWrite;

  Connection(SocketChannel socket, int maxFrameBytes, String peerUser) {
    this.socket = socket;
    this.peerUser = peerUser;
    this.maxFrameBytes = maxFrameBytes;
  }

  Progress read() throws IOException {
    lastActivity = System.currentTimeMillis();
    // (the server also counts handling a request and writing its reply as activity)
    if (body == null) {
      if (socket.read(header) < 0) {
        return Progress.CLOSED;
      }
      if (header.hasRemaining()) {
        return Progress.INCOMPLETE;
      }
      claimedLength = header.flip().getInt();
      if (claimedLength < 0 || claimedLength > maxFrameBytes) {
        return Progress.OVERSIZED;
      }
      body = ByteBuffer.allocate(claimedLength);
    }
    if (body.hasRemaining() && socket.read(body) < 0) {
      return Progress.CLOSED;
    }
    return body.hasRemaining() ? Progress.INCOMPLETE : Progress.FRAME;
  }

  /** The completed frame's payload; the connection is ready for the next frame. */
  byte[] takeFrame() {
    byte[] payload = body.array();
    body = null;
    header.clear();
    return payload;
  }

  void queue(byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(Frames.HEADER_BYTES + payload.length);
    frame.putInt(payload.length).put(payload).flip();
    output.add(frame);
  }

  /** Writes what the socket takes now; true when nothing is left to write. */
  boolean flush() throws IOException {
    while (!output.isEmpty()) {
      ByteBuffer next = output.peek();
      socket.write(next);
      if (next.hasRemaining()) {
        return false;
      }
      output.poll();
    }
    return true;
  }
}
