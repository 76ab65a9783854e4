package dev.graft.it.support;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * JDK 17's Serviceability Agent writes a class without its BootstrapMethods attribute (later JDKs write
 * it), and ASM cannot read a class whose invokedynamic entries point into a missing attribute. This adds
 * stub bootstrap methods (the class's first method handle, no arguments), so the rest of the class can be
 * read; the text of each invokedynamic then keeps its name and descriptor and loses its bootstrap part.
 */
final class BootstrapStubs {
  private static final String ATTRIBUTE = "BootstrapMethods";

  private BootstrapStubs() {}

  /** {@code dump} itself when it needs no stubs. */
  static byte[] addIfMissing(byte[] dump) {
    ByteBuffer in = ByteBuffer.wrap(dump);
    in.position(8);
    int count = in.getShort() & 0xFFFF;
    int attributeName = -1;
    int firstHandle = -1;
    int bootstraps = 0;
    for (int index = 1; index < count; index++) {
      int tag = in.get();
      switch (tag) {
        case 1 -> {
          byte[] utf = new byte[in.getShort() & 0xFFFF];
          in.get(utf);
          if (new String(utf, StandardCharsets.UTF_8).equals(ATTRIBUTE)) {
            attributeName = index;
          }
        }
        case 3, 4, 9, 10, 11, 12 -> in.position(in.position() + 4);
        case 5, 6 -> {
          in.position(in.position() + 8);
          index++;
        }
        case 7, 8, 16, 19, 20 -> in.position(in.position() + 2);
        case 15 -> {
          firstHandle = firstHandle < 0 ? index : firstHandle;
          in.position(in.position() + 3);
        }
        case 17, 18 -> {
          bootstraps = Math.max(bootstraps, (in.getShort() & 0xFFFF) + 1);
          in.position(in.position() + 2);
        }
        default -> throw new IllegalArgumentException("constant pool tag " + tag + " at entry " + index);
      }
    }
    in.position(in.position() + 6);
    skip(in, 2 * (in.getShort() & 0xFFFF));
    for (int group = 0; group < 2; group++) { // fields, then methods
      int members = in.getShort() & 0xFFFF;
      for (int member = 0; member < members; member++) {
        in.position(in.position() + 6);
        skipAttributes(in);
      }
    }
    int attributesAt = in.position();
    int attributes = in.getShort() & 0xFFFF;
    for (int attribute = 0; attribute < attributes; attribute++) {
      int name = in.getShort() & 0xFFFF;
      if (name == attributeName) {
        return dump;
      }
      skip(in, in.getInt());
    }
    if (bootstraps == 0 || attributeName < 0 || firstHandle < 0) {
      return dump;
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(dump, 0, attributesAt);
      out.writeShort(attributes + 1);
      out.write(dump, attributesAt + 2, dump.length - attributesAt - 2);
      out.writeShort(attributeName);
      out.writeInt(2 + 4 * bootstraps);
      out.writeShort(bootstraps);
      for (int i = 0; i < bootstraps; i++) {
        out.writeShort(firstHandle);
        out.writeShort(0);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ASM's text with the bracketed bootstrap part of each invokedynamic left out (it is a stub). */
  static String withoutBootstrapArguments(String text) {
    StringBuilder kept = new StringBuilder();
    boolean inBootstrap = false;
    for (String line : text.split("\n", -1)) {
      if (inBootstrap) {
        inBootstrap = !line.strip().equals("]");
        continue;
      }
      if (line.strip().startsWith("INVOKEDYNAMIC") && line.endsWith("[")) {
        inBootstrap = true;
        kept.append(line, 0, line.length() - 1).append('\n');
        continue;
      }
      kept.append(line).append('\n');
    }
    return kept.toString();
  }

  private static void skipAttributes(ByteBuffer in) {
    int attributes = in.getShort() & 0xFFFF;
    for (int attribute = 0; attribute < attributes; attribute++) {
      in.position(in.position() + 2);
      skip(in, in.getInt());
    }
  }

  /** Skips {@code length} bytes after what was read (the length itself included). */
  private static void skip(ByteBuffer in, int length) {
    in.position(in.position() + length);
  }
}
