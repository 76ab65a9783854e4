package dev.graft.agent.core;

import dev.graft.protocol.GraftException;
import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short names for class loaders, as users type them after {@code --loader}: {@code boot}, {@code
 * platform}, {@code app}, the loader's identity hash in hex (which changes every run), or, stable across
 * runs, the loader's class name or its name ({@code getName()}), or a part of either that only one loader
 * has ({@code --loader LaunchedClassLoader}); {@code of:CLASS} is the loader that defined a loaded class
 * ({@code --loader-of CLASS}). Loaders are held weakly.
 */
public final class LoaderIds {
  private static final String LOADER_OF = dev.graft.protocol.Protocol.LOADER_OF;
  public static final String BOOT = "boot";
  public static final String PLATFORM = "platform";
  public static final String APP = "app";
  /** A patch waiting for a class applies in whichever loader defines it. */
  public static final String ANY = "*";
  private final Map<String, WeakReference<ClassLoader>> seen = new ConcurrentHashMap<>();
  private final Instrumentation instrumentation;

  public LoaderIds(Instrumentation instrumentation) {
    this.instrumentation = instrumentation;
  }

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

  /** The loader a selector names (an id, a name or part of one, {@code of:CLASS}); an error when none or several. */
  public ClassLoader loader(String selector) {
    switch (selector) {
      case BOOT:
        return null;
      case PLATFORM:
        return ClassLoader.getPlatformClassLoader();
      case APP:
        return ClassLoader.getSystemClassLoader();
      default:
        WeakReference<ClassLoader> ref = seen.get(selector);
        ClassLoader loader = ref == null ? null : ref.get();
        return loader != null ? loader : byName(selector);
    }
  }

  /** The selector as an id ({@code *} and null stay as they are): what patches record, what matches compare. */
  public String canonical(String selector) {
    if (selector == null || selector.equals(ANY) || selector.equals(BOOT) || selector.equals(PLATFORM) || selector.equals(APP)) {
      return selector;
    }
    WeakReference<ClassLoader> ref = seen.get(selector);
    return ref != null && ref.get() != null ? selector : idOf(byName(selector));
  }

  /** True when the class was defined by the loader the selector names. */
  public boolean matches(Class<?> type, String selector) {
    return selector == null || selector.equals(ANY) || canonical(selector).equals(idOf(type.getClassLoader()));
  }

  /** Every class loader that defined a loaded class, the system loader included. */
  public List<ClassLoader> known() {
    Set<ClassLoader> loaders = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    loaders.add(ClassLoader.getSystemClassLoader());
    for (Class<?> type : LoadedClasses.everyLoaded(instrumentation)) {
      if (type.getClassLoader() != null) {
        loaders.add(type.getClassLoader());
      }
    }
    return new ArrayList<>(loaders);
  }

  private ClassLoader byName(String selector) {
    if (selector.startsWith(LOADER_OF)) {
      return loaderOf(selector.substring(LOADER_OF.length()));
    }
    List<ClassLoader> named = new ArrayList<>();
    for (ClassLoader loader : known()) {
      String name = loader.getName();
      if (loader.getClass().getName().contains(selector) || (name != null && name.contains(selector))) {
        named.add(loader);
      }
    }
    if (named.size() == 1) {
      return named.get(0);
    }
    String all = known().stream().map(loader -> idOf(loader) + " (" + describe(loader) + ")").sorted().collect(Collectors.joining(", "));
    throw GraftException.rejected(named.isEmpty()
        ? "no class loader is named or has an id '" + selector + "'; the loaders of loaded classes: " + all
        : "'" + selector + "' names " + named.size() + " class loaders: " + named.stream()
            .map(loader -> idOf(loader) + " (" + describe(loader) + ")").collect(Collectors.joining(", ")) + "; use an id or a longer name");
  }

  private ClassLoader loaderOf(String className) {
    List<ClassLoader> defining = new ArrayList<>();
    for (Class<?> type : LoadedClasses.everyLoaded(instrumentation)) {
      if (type.getName().equals(className) && !defining.contains(type.getClassLoader())) {
        defining.add(type.getClassLoader());
      }
    }
    if (defining.size() != 1) {
      throw GraftException.rejected(defining.isEmpty() ? "--loader-of " + className + ": that class is not loaded"
          : "--loader-of " + className + ": " + defining.size() + " class loaders define it: " + defining.stream()
              .map(loader -> idOf(loader) + " (" + describe(loader) + ")").collect(Collectors.joining(", ")) + "; use --loader ID");
    }
    return defining.get(0);
  }
}
