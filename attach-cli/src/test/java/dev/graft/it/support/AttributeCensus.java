package dev.graft.it.support;

import dev.graft.weave.AttributeRestorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Run as a JVM of its own ({@code java -cp ... AttributeCensus CLASS...}): retransforms each class with a
 * transformer that only records the bytes the JVM hands it (its reconstitution of the class), and prints,
 * per class, every line of the class's ASM text that is in its class file and not in the JVM's copy
 * ({@code dropped}) or the reverse ({@code added}); then the same after graft's {@link AttributeRestorer}
 * ({@code still dropped}, {@code restored added}). The text is symbolic, so constant pool order is no difference.
 */
public final class AttributeCensus {
  private AttributeCensus() {}

  public static void main(String[] classNames) throws Exception {
    Instrumentation instrumentation = ByteBuddyAgent.install();
    Map<String, byte[]> reconstituted = new ConcurrentHashMap<>();
    ClassFileTransformer recorder = new ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (redefined != null) {
          reconstituted.put(name, bytes.clone());
        }
        return null;
      }
    };
    List<Class<?>> types = new ArrayList<>();
    for (String name : classNames) {
      types.add(Class.forName(name, false, ClassLoader.getSystemClassLoader()));
    }
    instrumentation.addTransformer(recorder, true);
    instrumentation.retransformClasses(types.toArray(new Class<?>[0]));
    instrumentation.removeTransformer(recorder);
    for (Class<?> type : types) {
      String internalName = type.getName().replace('.', '/');
      byte[] file = classFile(type);
      byte[] jvm = reconstituted.get(internalName);
      report(type.getName(), "dropped", "added", file, jvm);
      report(type.getName(), "still dropped", "restored added", file, AttributeRestorer.restore(jvm, file));
    }
    System.out.println("census done");
  }

  private static void report(String name, String missingWord, String extraWord, byte[] file, byte[] jvm) {
    Map<String, Integer> fileLines = lines(file);
    Map<String, Integer> jvmLines = lines(jvm);
    difference(fileLines, jvmLines).forEach(line -> System.out.println(name + " " + missingWord + ": " + line));
    difference(jvmLines, fileLines).forEach(line -> System.out.println(name + " " + extraWord + ": " + line));
  }

  /** The lines of {@code a} not in {@code b}, counted as a multiset (order is not a difference). */
  private static List<String> difference(Map<String, Integer> a, Map<String, Integer> b) {
    List<String> result = new ArrayList<>();
    a.forEach((line, count) -> {
      for (int i = b.getOrDefault(line, 0); i < count; i++) {
        result.add(line);
      }
    });
    result.sort(null);
    return result;
  }

  private static Map<String, Integer> lines(byte[] bytes) {
    StringWriter text = new StringWriter();
    new ClassReader(bytes).accept(new TraceClassVisitor(new PrintWriter(text)), 0);
    Map<String, Integer> counts = new HashMap<>();
    for (String line : text.toString().split("\n")) {
      if (!line.isBlank()) {
        counts.merge(line.strip(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no class file " + resource + " on the class path");
      }
      return in.readAllBytes();
    }
  }
}
