package dev.graft.compile;

import java.io.IOException;
import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * A file manager that passes everything to the one set for the current compile. A javac context kept
 * between compiles holds on to the file manager it was first given (its class writer and class finder
 * do); this one stays, and each compile hands it that compile's own view of the target's classes.
 */
final class HandOverFileManager implements JavaFileManager {
  private JavaFileManager current;

  void handOver(JavaFileManager files) {
    this.current = files;
  }

  @Override
  public ClassLoader getClassLoader(Location location) {
    return current.getClassLoader(location);
  }

  @Override
  public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse) throws IOException {
    return current.list(location, packageName, kinds, recurse);
  }

  @Override
  public String inferBinaryName(Location location, JavaFileObject file) {
    return current.inferBinaryName(location, file);
  }

  @Override
  public boolean isSameFile(FileObject a, FileObject b) {
    return current.isSameFile(a, b);
  }

  @Override
  public boolean handleOption(String current, Iterator<String> remaining) {
    return this.current.handleOption(current, remaining);
  }

  @Override
  public boolean hasLocation(Location location) {
    return current.hasLocation(location);
  }

  @Override
  public JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind) throws IOException {
    return current.getJavaFileForInput(location, className, kind);
  }

  @Override
  public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling) throws IOException {
    return current.getJavaFileForOutput(location, className, kind, sibling);
  }

  @Override
  public FileObject getFileForInput(Location location, String packageName, String relativeName) throws IOException {
    return current.getFileForInput(location, packageName, relativeName);
  }

  @Override
  public FileObject getFileForOutput(Location location, String packageName, String relativeName, FileObject sibling) throws IOException {
    return current.getFileForOutput(location, packageName, relativeName, sibling);
  }

  @Override
  public void flush() throws IOException {
    current.flush();
  }

  @Override
  public void close() {
    // the compile's own file manager is closed by whoever opened it
  }

  @Override
  public Location getLocationForModule(Location location, String moduleName) throws IOException {
    return current.getLocationForModule(location, moduleName);
  }

  @Override
  public Location getLocationForModule(Location location, JavaFileObject file) throws IOException {
    return current.getLocationForModule(location, file);
  }

  @Override
  public <S> ServiceLoader<S> getServiceLoader(Location location, Class<S> service) throws IOException {
    return current.getServiceLoader(location, service);
  }

  @Override
  public String inferModuleName(Location location) throws IOException {
    return current.inferModuleName(location);
  }

  @Override
  public Iterable<Set<Location>> listLocationsForModules(Location location) throws IOException {
    return current.listLocationsForModules(location);
  }

  @Override
  public boolean contains(Location location, FileObject file) throws IOException {
    return current.contains(location, file);
  }

  @Override
  public int isSupportedOption(String option) {
    return current.isSupportedOption(option);
  }
}
