package dev.graft.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;

/**
 * Another agent, started with the target ({@code -javaagent}, so its transformer runs before graft's), that
 * later retransforms one class itself and hands on another build of it: the class is the same to the JVM,
 * but its lines moved, and the line graft patched has no code any more. This is what
 * an APM agent re-instrumenting a class graft patched looks like to graft. Armed by attaching the same jar
 * again ({@link #retransform}).
 */
public final class ForeignRetransformer {
  private static Instrumentation instrumentation;
  private static volatile byte[] replacement;
  private static volatile String replaced;

  private ForeignRetransformer() {}

  public static void premain(String arguments, Instrumentation given) {
    instrumentation = given;
    given.addTransformer(new ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        byte[] once = replacement;
        if (redefined != null && once != null && name.equals(replaced)) {
          replacement = null;
          return once;
        }
        return null;
      }
    }, true);
  }

  /** {@code CLASS=FILE}: retransforms the loaded CLASS, handing the JVM FILE's bytes for it, once. */
  public static void agentmain(String arguments, Instrumentation ignored) throws IOException, UnmodifiableClassException {
    String className = arguments.substring(0, arguments.indexOf('='));
    replaced = className.replace('.', '/');
    replacement = Files.readAllBytes(Path.of(arguments.substring(arguments.indexOf('=') + 1)));
    for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
      // the application's class: graft's verifier defines throwaway copies under the same name in loaders of its own
      if (loaded.getName().equals(className) && loaded.getClassLoader() == ClassLoader.getSystemClassLoader()) {
        instrumentation.retransformClasses(loaded);
      }
    }
    System.out.println("foreign agent: retransformed " + className);
  }

  /**
   * Pricing as another build of the same source would have it, its code 100 lines further down (a licence
   * header, say): the same class to the JVM, but line 12 has no code in it any more.
   */
  public static Path pricingMovedDown() throws IOException {
    Path out = Files.createTempDirectory("pricing-moved");
    Path source = TargetJvm.samplesDir().resolve("pricing/src/main/java/dev/graft/samples/pricing/Pricing.java");
    Path moved = Files.createDirectories(out.resolve("src")).resolve("Pricing.java");
    Files.writeString(moved, "\n".repeat(100) + Files.readString(source));
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-g", "-parameters", "--release", "17", "-cp", Samples.pricingJar(), "-d", out.toString(), moved.toString());
    if (status != 0) {
      throw new IllegalStateException("javac of " + moved + " failed: " + status);
    }
    return out.resolve("dev/graft/samples/pricing/Pricing.class");
  }

  /** A jar of this class, for {@code -javaagent} and for the attach that arms it. */
  public static Path jar() throws IOException {
    Path jar = Files.createTempFile("foreign-agent", ".jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", ForeignRetransformer.class.getName());
    manifest.getMainAttributes().putValue("Agent-Class", ForeignRetransformer.class.getName());
    manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
    String entry = ForeignRetransformer.class.getName().replace('.', '/');
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (String name : List.of(entry + ".class", entry + "$1.class")) {
        out.putNextEntry(new JarEntry(name));
        try (InputStream in = ForeignRetransformer.class.getClassLoader().getResourceAsStream(name)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return jar;
  }
}
