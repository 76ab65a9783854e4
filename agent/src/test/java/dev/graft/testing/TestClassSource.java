package dev.graft.testing;

import dev.graft.compile.ClassSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The classes javac sees in the unit tests: the test classes and the agent's own, from their build directories. */
public final class TestClassSource implements ClassSource {
  public static final TestClassSource INSTANCE = new TestClassSource();

  private final List<Path> roots = List.of(root(TestClassSource.class), root(ClassSource.class));

  private TestClassSource() {}

  @Override
  public List<String> classNames(String packageName) {
    List<String> names = new ArrayList<>();
    for (Path root : roots) {
      Path directory = root.resolve(packageName.replace('.', '/'));
      if (!Files.isDirectory(directory)) {
        continue;
      }
      try (Stream<Path> files = Files.list(directory)) {
        files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".class"))
            .forEach(name -> names.add(packageName + "." + name.substring(0, name.length() - ".class".length())));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }

  @Override
  public byte[] classBytes(String className) {
    try (InputStream in = TestClassSource.class.getClassLoader().getResourceAsStream(className.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new IllegalArgumentException("no class file for " + className + " on the test class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
