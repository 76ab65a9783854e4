package dev.graft.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Another agent in the target, loaded after graft's, whose transformer spoils the next retransformation of
 * one class (it returns a truncated class file), once: the JVM then refuses the new class, as it would
 * refuse bytes it cannot accept for any other reason, and graft must roll back. Loaded with the Attach API
 * by the tests ({@link #jar}).
 */
public final class RefusingAgent {
  private RefusingAgent() {}

  public static void agentmain(String className, Instrumentation instrumentation) {
    String internalName = className.replace('.', '/');
    AtomicBoolean refused = new AtomicBoolean();
    instrumentation.addTransformer(new ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (redefined != null && internalName.equals(name) && refused.compareAndSet(false, true)) {
          return new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};
        }
        return null;
      }
    }, true);
    System.out.println("refusing agent: armed for " + className);
  }

  /** A jar of this class, as the Attach API loads agents. */
  public static Path jar() throws IOException {
    Path jar = Files.createTempFile("refusing-agent", ".jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Agent-Class", RefusingAgent.class.getName());
    manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
    String entry = RefusingAgent.class.getName().replace('.', '/');
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (String name : new String[] {entry + ".class", entry + "$1.class"}) {
        out.putNextEntry(new JarEntry(name));
        try (InputStream in = RefusingAgent.class.getClassLoader().getResourceAsStream(name)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return jar;
  }
}
