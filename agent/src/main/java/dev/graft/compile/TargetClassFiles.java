package dev.graft.compile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * javac's class path, served by the target JVM: package listings and class files come from the
 * target class's own loader, on demand ({@link ClassSource}); the target's nest is shown through
 * {@link AccessibleView}.
 * JDK classes come from javac's own platform image ({@code --release}). Compiled classes stay in memory.
 */
final class TargetClassFiles extends ForwardingJavaFileManager<StandardJavaFileManager> {
  private static final List<String> PLATFORM_PREFIXES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
  private final ClassSource source;
  private final Set<String> targetInternalNames = new HashSet<>();
  private final Set<String> nestHosts = new HashSet<>();
  private final int maxClassVersion;
  private final Map<String, List<JavaFileObject>> listings = new HashMap<>();
  private final Map<String, ByteArrayOutputStream> outputs = new HashMap<>();

  TargetClassFiles(StandardJavaFileManager platform, ClassSource source, Collection<String> targetClassNames, int maxClassVersion) {
    super(platform);
    this.source = source;
    for (String targetClassName : targetClassNames) {
      String internalName = targetClassName.replace('.', '/');
      targetInternalNames.add(internalName);
      nestHosts.add(internalName.contains("$") ? internalName.substring(0, internalName.indexOf('$')) : internalName);
    }
    this.maxClassVersion = maxClassVersion;
  }

  @Override
  public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse)
      throws java.io.IOException {
    if (location != StandardLocation.CLASS_PATH || !kinds.contains(JavaFileObject.Kind.CLASS) || isPlatform(packageName)) {
      return super.list(location, packageName, kinds, recurse);
    }
    return listings.computeIfAbsent(packageName, this::fetchListing);
  }

  @Override
  public String inferBinaryName(Location location, JavaFileObject file) {
    if (file instanceof RemoteClass remote) {
      return remote.binaryName;
    }
    return super.inferBinaryName(location, file);
  }

  @Override
  public boolean hasLocation(Location location) {
    return location == StandardLocation.CLASS_PATH || super.hasLocation(location);
  }

  @Override
  public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
    return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
      @Override
      public OutputStream openOutputStream() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        outputs.put(className, bytes);
        return bytes;
      }
    };
  }

  /** Leaves the platform file manager open: it is shared by every compile (see SnippetCompiler). */
  @Override
  public void close() {
    outputs.clear();
  }

  /** The class files javac wrote since the last call, by binary name. */
  Map<String, byte[]> compiled() {
    Map<String, byte[]> result = new HashMap<>();
    outputs.forEach((name, bytes) -> result.put(name, bytes.toByteArray()));
    outputs.clear();
    return result;
  }

  private static boolean isPlatform(String packageName) {
    return PLATFORM_PREFIXES.stream().anyMatch(prefix -> (packageName + ".").startsWith(prefix));
  }

  private List<JavaFileObject> fetchListing(String packageName) {
    List<JavaFileObject> files = new ArrayList<>();
    for (String name : source.classNames(packageName)) {
      files.add(new RemoteClass(name));
    }
    return files;
  }

  /**
   * javac refuses class files newer than itself; the members it reads are the same, so a class of a
   * newer target is shown with the newest version this javac reads (bytes 6-7 are the major version).
   */
  private byte[] clampVersion(byte[] classFile) {
    int major = ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
    if (major > maxClassVersion) {
      byte[] copy = classFile.clone();
      copy[4] = 0;
      copy[5] = 0;
      copy[6] = (byte) (maxClassVersion >> 8);
      copy[7] = (byte) maxClassVersion;
      return copy;
    }
    return classFile;
  }

  /** A class file of the target, fetched when javac first reads it. */
  private final class RemoteClass extends SimpleJavaFileObject {
    private final String binaryName;
    private byte[] bytes;

    RemoteClass(String binaryName) {
      super(URI.create("graft:///" + binaryName.replace('.', '/') + ".class"), Kind.CLASS);
      this.binaryName = binaryName;
    }

    @Override
    public InputStream openInputStream() {
      if (bytes == null) {
        byte[] raw = source.classBytes(binaryName);
        String internalName = binaryName.replace('.', '/');
        String host = internalName.contains("$") ? internalName.substring(0, internalName.indexOf('$')) : internalName;
        bytes = nestHosts.contains(host) ? AccessibleView.of(raw, targetInternalNames, maxClassVersion) : clampVersion(raw);
      }
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public boolean isNameCompatible(String simpleName, Kind kind) {
      String simple = binaryName.substring(binaryName.lastIndexOf('.') + 1);
      return kind == Kind.CLASS && simple.equals(simpleName);
    }
  }
}
