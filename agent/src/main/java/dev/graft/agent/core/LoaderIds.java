package dev.graft.agent.core;

import dev.graft.protocol.GraftException;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short, stable names for class loaders, as users type them after {@code --loader}: {@code boot},
 * {@code platform}, {@code app}, or the loader's identity hash in hex. Loaders are held weakly.
 */
public final class LoaderIds {
  public static final String BOOT = "boot";
  public static final String PLATFORM = "platform";
  public static final String APP = "app";
  /** A patch waiting for a class applies in whichever loader defines it. */
  public static final String ANY = "*";
  private final Map<String, WeakReference<ClassLoader>> seen = new ConcurrentHashMap<>();

  public String idOf(ClassLoader loader) {
    String id;
    if (loader == null) {
      return BOOT;
    } else if (loader == ClassLoader.getPlatformClassLoader()) {
      return PLATFORM;
    } else if (loader == ClassLoader.getSystemClassLoader()) {
      return APP;
    } else {
      id = Integer.toHexString(System.identityHashCode(loader));
    }
    seen.put(id, new WeakReference<>(loader));
    return id;
  }

  public static String describe(ClassLoader loader) {
    if (loader == null) {
      return "bootstrap class loader";
    }
    String name = loader.getName();
    return loader.getClass().getName() + (name == null ? "" : " '" + name + "'");
  }

  /** The loader with that id; a loader must have been reported (by show or an error) before it is named. */
  public ClassLoader loader(String id) {
    switch (id) {
      case BOOT:
        return null;
      case PLATFORM:
        return ClassLoader.getPlatformClassLoader();
      case APP:
        return ClassLoader.getSystemClassLoader();
      default:
        WeakReference<ClassLoader> ref = seen.get(id);
        ClassLoader loader = ref == null ? null : ref.get();
        if (loader == null) {
          throw GraftException.rejected("no class loader with id " + id + "; `graft show PID CLASS` lists the loaders of a class");
        }
        return loader;
    }
  }

  /** True when the class was defined by the loader that id names. */
  public boolean matches(Class<?> type, String id) {
    return id == null || id.equals(ANY) || id.equals(idOf(type.getClassLoader()));
  }
}
