package dev.graft.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** The class files of test targets, as compiled by Maven (with -g). */
public final class ClassBytes {
  private ClassBytes() {}

  public static byte[] of(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no class file " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ClassNode node(Class<?> type) {
    return node(of(type));
  }

  public static ClassNode node(byte[] classFile) {
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
    return node;
  }

  /** The one method with that name (and descriptor, when not null). */
  public static MethodNode method(ClassNode type, String name, String descriptor) {
    var matching = type.methods.stream()
        .filter(m -> m.name.equals(name) && (descriptor == null || m.desc.equals(descriptor)))
        .toList();
    if (matching.size() != 1) {
      throw new IllegalStateException(matching.size() + " methods " + name + (descriptor == null ? "" : descriptor) + " in " + type.name);
    }
    return matching.get(0);
  }
}
