package dev.graft.agent.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The classes of one package that a loader can see, as javac asks for them when it compiles a snippet:
 * the class files its class path holds there (directories and jars) and the classes it already loaded
 * there (generated ones have no file). JDK packages are the compiler's own business and are not listed.
 */
public final class PackageListing {
  private final Instrumentation instrumentation;

  public PackageListing(Instrumentation instrumentation) {
    this.instrumentation = instrumentation;
  }

  public TreeSet<String> classNames(ClassLoader loader, String packageName) {
    TreeSet<String> names = new TreeSet<>();
    String folder = packageName.replace('.', '/');
    try {
      Enumeration<URL> roots = loader == null ? ClassLoader.getSystemClassLoader().getResources(folder) : loader.getResources(folder);
      while (roots.hasMoreElements()) {
        addFrom(roots.nextElement(), folder, packageName, names);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list package " + packageName, e);
    }
    for (Class<?> type : instrumentation.getInitiatedClasses(loader)) {
      String name = type.getName();
      if (!type.isHidden() && !type.isArray() && isJdk(type) == false && packageName.equals(type.getPackageName())) {
        names.add(name);
      }
    }
    return names;
  }

  private static String qualified(String packageName, String simpleName) {
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }

  private static boolean isJdk(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader == null || loader == ClassLoader.getPlatformClassLoader();
  }

  private static void addFrom(URL root, String folder, String packageName, TreeSet<String> names) throws IOException {
    switch (root.getProtocol()) {
      case "file" -> {
        Path directory = Paths.get(java.net.URI.create(root.toString()));
        try (Stream<Path> files = Files.list(directory)) {
          files.map(path -> path.getFileName().toString())
              .filter(file -> file.endsWith(".class") && !file.equals("module-info.class") && !file.equals("package-info.class"))
              .forEach(file -> names.add(qualified(packageName, file.substring(0, file.length() - ".class".length()))));
        }
      }
      case "jar" -> {
        URLConnection connection = root.openConnection();
        if (connection instanceof JarURLConnection jarConnection) {
          JarFile jar = jarConnection.getJarFile();
          String prefix = folder.isEmpty() ? "" : folder + "/";
          for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(prefix) && entry.endsWith(".class") && entry.indexOf('/', prefix.length()) < 0
                && !entry.endsWith("module-info.class") && !entry.endsWith("package-info.class")) {
              names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
            }
          }
        }
      }
      default -> { } // jrt: and friends are the JDK's, which javac reads from its own platform image
    }
  }
}
