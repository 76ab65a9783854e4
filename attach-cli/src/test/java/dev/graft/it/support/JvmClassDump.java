package dev.graft.it.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * A class as the target JVM holds it, read from outside by HotSpot's Serviceability Agent ({@code
 * sun.jvm.hotspot.tools.jcore.ClassDump}, the tool behind {@code jhsdb}): it stops the process for a moment
 * and writes the class from the JVM's metaspace. Neither graft nor a retransformation is involved, so what
 * it reports cannot be what graft believes it did.
 */
public final class JvmClassDump {
  private JvmClassDump() {}

  /** The SHA-256 of the ASM text of the class the JVM runs (symbolic, so constant pool order is no difference). */
  public static String textHash(long pid, String className) {
    return sha256(text(pid, className));
  }

  /** The ASM text of the class the JVM runs now. */
  public static String text(long pid, String className) {
    byte[] dump = dump(pid, className);
    byte[] readable = BootstrapStubs.addIfMissing(dump);
    StringWriter text = new StringWriter();
    new ClassReader(readable).accept(new TraceClassVisitor(new PrintWriter(text)), 0);
    return readable == dump ? text.toString() : BootstrapStubs.withoutBootstrapArguments(text.toString());
  }

  public static byte[] dump(long pid, String className) {
    try {
      Path java = Path.of("/proc/" + pid + "/exe").toRealPath(); // the SA must be the target's own JDK
      Path out = Files.createTempDirectory("graft-classdump");
      List<String> command = List.of(java.toString(), "--add-modules", "jdk.hotspot.agent",
          "--add-exports", "jdk.hotspot.agent/sun.jvm.hotspot.tools.jcore=ALL-UNNAMED",
          "-Dsun.jvm.hotspot.tools.jcore.filter=sun.jvm.hotspot.tools.jcore.PackageNameFilter",
          "-Dsun.jvm.hotspot.tools.jcore.PackageNameFilter.pkgList=" + className,
          "-Dsun.jvm.hotspot.tools.jcore.outputDir=" + out,
          "sun.jvm.hotspot.tools.jcore.ClassDump", String.valueOf(pid));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("the Serviceability Agent could not dump " + className + " from " + pid + ": " + output);
      }
      Path file = out.resolve(className.replace('.', '/') + ".class");
      if (!Files.isRegularFile(file)) {
        throw new AssertionError("the Serviceability Agent found no class " + className + " in " + pid + ": " + output);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AssertionError("cannot run the Serviceability Agent against " + pid + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
