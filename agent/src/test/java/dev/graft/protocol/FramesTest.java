package dev.graft.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FramesTest {
  @Test
  void frame_roundTrips() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Frames.write(out, "hello".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), Frames.read(new ByteArrayInputStream(out.toByteArray()), 100));
  }

  @Test
  void oversizedFrame_isRefusedBeforeAnythingIsRead() {
    byte[] claim = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    IOException e = assertThrows(IOException.class, () -> Frames.read(new ByteArrayInputStream(claim), 1024));
    assertEquals("frame of 2147483647 bytes exceeds the limit of 1024", e.getMessage());
  }

  @Test
  void negativeLength_isRefused() {
    byte[] claim = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    IOException e = assertThrows(IOException.class, () -> Frames.read(new ByteArrayInputStream(claim), 1024));
    assertEquals("frame of -1 bytes exceeds the limit of 1024", e.getMessage());
  }

  @Test
  void truncatedFrame_isAnEndOfStream() {
    byte[] truncated = {0, 0, 0, 10, 1, 2, 3};
    assertThrows(EOFException.class, () -> Frames.read(new ByteArrayInputStream(truncated), 1024));
  }

  @Test
  void noFrameAtAll_saysTheAgentClosed() {
    EOFException e = assertThrows(EOFException.class, () -> Frames.read(new ByteArrayInputStream(new byte[0]), 1024));
    assertEquals("the agent closed the connection without replying", e.getMessage());
  }

  @Test
  void garbage_isAMalformedMessage() {
    JsonParseException e = assertThrows(JsonParseException.class,
        () -> Wire.decode("{not json".getBytes(StandardCharsets.UTF_8), Wire.Request.class));
    assertEquals(true, e.getMessage().startsWith("malformed message: "));
  }

  @Test
  void request_carriesTheProtocolVersion() {
    Wire.Request request = Wire.decode(Wire.encode(Wire.Request.of(Protocol.OP_HELLO, Map.of())), Wire.Request.class);
    assertEquals(Protocol.VERSION, request.protocol());
    assertEquals(Protocol.OP_HELLO, request.op());
  }
}
