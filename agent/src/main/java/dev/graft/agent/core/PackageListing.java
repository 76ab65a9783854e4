package dev.graft.agent.core;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The classes of one package that a loader can see, as javac asks for them when it compiles a snippet:
 * the class files its class path holds there (directories and jars) and the classes it already loaded
 * there (generated ones have no file). JDK packages are the compiler's own business and are not listed.
 * Jars without directory entries (every tomcat-embed jar), nested ones too (a Spring Boot fat jar's
 * {@code BOOT-INF/lib}), are found through the loader's class path and listed entry by entry; their
 * listings are kept while javac is in use, and dropped with its contexts.
 */
public final class PackageListing {
  private final Instrumentation instrumentation;
  private final Map<String, Map<String, List<String>>> jarPackages = new ConcurrentHashMap<>();

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
      // a jar of the class path that cannot be read (rewritten under the JVM): what else lists the package stands
    }
    for (URL jar : classPathJars(loader)) {
      names.addAll(jarPackages.computeIfAbsent(jar.toString(), key -> packagesOf(jar)).getOrDefault(packageName, List.of()));
    }
    for (Class<?> type : instrumentation.getInitiatedClasses(loader)) {
      String name = type.getName();
      if (!type.isHidden() && !type.isArray() && isJdk(type) == false && packageName.equals(type.getPackageName())) {
        names.add(name);
      }
    }
    return names;
  }

  /** Forgets the jars' listings (the agent calls this when javac's contexts go). */
  public void forget() {
    jarPackages.clear();
  }

  /** The jars on a loader's class path: a URLClassLoader's URLs (Spring Boot's loader is one), the system loader's java.class.path. */
  private static List<URL> classPathJars(ClassLoader loader) {
    List<URL> jars = new ArrayList<>();
    if (loader instanceof URLClassLoader urls) {
      for (URL url : urls.getURLs()) {
        if (url.getProtocol().equals("jar") || url.getPath().endsWith(".jar")) {
          jars.add(url);
        }
      }
    } else if (loader == null || loader == ClassLoader.getSystemClassLoader()) {
      for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
        if (entry.endsWith(".jar")) {
          try {
            jars.add(Path.of(entry).toUri().toURL());
          } catch (java.net.MalformedURLException e) {
            // not a path we can read; the loader's own getResources still lists what it can
          }
        }
      }
    }
    return jars;
  }

  /** Every class of a jar, by package. */
  private static Map<String, List<String>> packagesOf(URL jar) {
    Map<String, List<String>> packages = new HashMap<>();
    try {
      JarFile file = jar.getProtocol().equals("jar") ? ((JarURLConnection) jar.openConnection()).getJarFile()
          : new JarFile(Paths.get(jar.toURI()).toFile());
      try {
        for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
          String entry = entries.nextElement().getName();
          if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")
              && !entry.endsWith("package-info.class")) {
            int slash = entry.lastIndexOf('/');
            String packageName = slash < 0 ? "" : entry.substring(0, slash).replace('/', '.');
            packages.computeIfAbsent(packageName, key -> new ArrayList<>()).add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
          }
        }
      } finally {
        if (!jar.getProtocol().equals("jar")) {
          file.close(); // a jar: URL's file belongs to its connection's cache
        }
      }
    } catch (IOException | java.net.URISyntaxException | ClassCastException e) {
      return Map.of(); // unreadable: what getResources found stands
    }
    return packages;
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
