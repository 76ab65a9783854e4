package dev.graft.testing;

/**
 * A fresh child class loader that defines one class from the given (woven) bytes and delegates every other
 * name to the test class path, so the woven copy runs beside the untouched original.
 */
public final class WovenLoader extends ClassLoader {
  private final String name;
  private final byte[] bytes;

  public WovenLoader(String name, byte[] bytes) {
    super("woven", WovenLoader.class.getClassLoader());
    this.name = name;
    this.bytes = bytes;
  }

  public static Class<?> load(String name, byte[] bytes) {
    try {
      return Class.forName(name, true, new WovenLoader(name, bytes));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
    if (!className.equals(name)) {
      return super.loadClass(className, resolve);
    }
    synchronized (getClassLoadingLock(className)) {
      Class<?> loaded = findLoadedClass(className);
      if (loaded == null) {
        loaded = defineClass(className, bytes, 0, bytes.length);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }
}
