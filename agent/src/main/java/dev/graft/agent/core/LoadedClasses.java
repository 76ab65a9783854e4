package dev.graft.agent.core;

import dev.graft.protocol.GraftException;
import dev.graft.weave.JvmVerifier;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Finds the loaded class a user names, in the loader they name when several define it. */
public final class LoadedClasses {
  private static final int MAX_SUGGESTIONS = 5;
  private final Instrumentation instrumentation;
  private final LoaderIds loaderIds;

  public LoadedClasses(Instrumentation instrumentation, LoaderIds loaderIds) {
    this.instrumentation = instrumentation;
    this.loaderIds = loaderIds;
  }

  /**
   * Every class the JVM has loaded but the copies graft's verifier defines (JvmVerifier): they are not
   * the application's, and would make every class graft verified seem defined twice until collected.
   */
  static List<Class<?>> everyLoaded(Instrumentation instrumentation) {
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (!JvmVerifier.isCopyLoader(type.getClassLoader())) {
        loaded.add(type);
      }
    }
    return loaded;
  }

  /** Every loaded class of that name in the loader the id names ({@code *} or null: any). */
  public List<Class<?>> findAll(String className, String loaderSelector) {
    String loaderId = loaderIds.canonical(loaderSelector); // once: naming a loader by name scans the loaded classes
    List<Class<?>> named = new ArrayList<>();
    for (Class<?> type : everyLoaded(instrumentation)) {
      if (type.getName().equals(className) && loaderIds.matches(type, loaderId)) {
        named.add(type);
      }
    }
    return named;
  }

  /** Every loaded class (no arrays, no hidden classes) the loader defined. */
  public List<Class<?>> definedBy(ClassLoader loader) {
    return definedBy(loader, false);
  }

  /** The same; with {@code anyLoader}, every loaded class. */
  public List<Class<?>> definedBy(ClassLoader loader, boolean anyLoader) {
    List<Class<?>> defined = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if ((anyLoader || type.getClassLoader() == loader) && !type.isArray() && !type.isHidden() && !type.isPrimitive()) {
        defined.add(type);
      }
    }
    return defined;
  }

  public boolean isLoaded(String className) {
    return !findAll(className, null).isEmpty() || bySimpleName(className) != null;
  }

  /** For a query ({@code show}): a class not loaded is an error with suggestions, and there is nothing to wait for. */
  public Class<?> find(String className, String loaderSelector) {
    return find(className, loaderSelector, false);
  }

  /** {@code patching}: the error for a class not loaded yet points at {@code --when-loaded}, which patches have. */
  public Class<?> find(String className, String loaderSelector, boolean patching) {
    List<Class<?>> named = findAll(className, null);
    if (named.isEmpty()) {
      String full = bySimpleName(className);
      if (full == null) {
        throw GraftException.rejected(notLoadedMessage(className, patching));
      }
      named = findAll(full, null); // the output names the class: graft says which it took
    }
    String loaderId = loaderIds.canonical(loaderSelector);
    List<Class<?>> inLoader = named.stream().filter(type -> loaderIds.matches(type, loaderId)).toList();
    if (inLoader.isEmpty()) {
      throw GraftException.rejected("class " + className + " is not defined by loader " + loaderId + "; it is defined by: " + loaders(named));
    }
    if (inLoader.size() > 1) {
      throw GraftException.rejected("class " + className + " is defined by " + inLoader.size()
          + " class loaders: " + loaders(inLoader) + "; pick one with --loader ID");
    }
    Class<?> type = inLoader.get(0);
    if (type.isHidden()) {
      throw GraftException.rejected(className + " is a hidden class (a lambda's proxy or similar): the JVM cannot "
          + "retransform it; patch the method it calls instead (for a lambda, its lambda$...$N body)");
    }
    return type;
  }

  /**
   * The one loaded class whose simple name (or {@code Outer$Inner}) {@code name} is, when it has no
   * package; null when none is; an error listing them when several are.
   */
  private String bySimpleName(String name) {
    if (name.contains(".")) {
      return null;
    }
    java.util.TreeSet<String> bearers = new java.util.TreeSet<>();
    for (Class<?> type : everyLoaded(instrumentation)) {
      String full = type.getName();
      boolean graftsOwn = type.getClassLoader() == LoadedClasses.class.getClassLoader() && type.getClassLoader() != null;
      if (!type.isHidden() && !type.isArray() && !graftsOwn && full.substring(full.lastIndexOf('.') + 1).equals(name)) {
        bearers.add(full);
      }
    }
    if (bearers.size() > 1) {
      throw GraftException.rejected(name + " names " + bearers.size() + " loaded classes: " + String.join(", ", bearers)
          + "; write the one you mean in full");
    }
    return bearers.isEmpty() ? null : bearers.first();
  }

  /** A class the loader already loaded (defined or found through a parent), without loading anything. */
  public Class<?> findInitiated(ClassLoader loader, String className) {
    for (Class<?> type : instrumentation.getInitiatedClasses(loader)) {
      if (type.getName().equals(className)) {
        return type;
      }
    }
    return null;
  }

  /** Levenshtein distance, to suggest a class for a typo. */
  static int editDistance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2) {
      return Integer.MAX_VALUE;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private String loaders(List<Class<?>> types) {
    return types.stream()
        .map(type -> loaderIds.idOf(type.getClassLoader()) + " (" + LoaderIds.describe(type.getClassLoader()) + ")")
        .collect(Collectors.joining(", "));
  }

  /**
   * graft's own classes (its core loader's, and the relocated libraries) and javac's, which graft loaded
   * into the target to compile: no user means them, and none can be patched.
   */
  static boolean isGraftsOrJavacs(Class<?> type) {
    ClassLoader agents = LoadedClasses.class.getClassLoader();
    if (type.getClassLoader() == agents && agents != null) {
      return true;
    }
    String name = type.getName();
    return name.startsWith("com.sun.tools.javac.") || name.startsWith("com.sun.source.") || name.startsWith("javax.tools.")
        || name.startsWith("dev.graft.agent.") || name.startsWith("dev.graft.shaded.");
  }

  private String notLoadedMessage(String className, boolean patching) {
    String simple = className.substring(className.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    List<String> similar = new ArrayList<>();
    for (Class<?> type : everyLoaded(instrumentation)) {
      String name = type.getName();
      String candidate = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      if (!type.isHidden() && !type.isArray() && !isGraftsOrJavacs(type) && (candidate.equals(simple) || editDistance(candidate, simple) <= 2
          || (simple.length() > 3 && candidate.contains(simple)))) {
        similar.add(name);
      }
    }
    similar.sort(Comparator.comparing(String::length));
    String hint = similar.isEmpty() ? "" : "; loaded classes with a similar name: "
        + String.join(", ", similar.subList(0, Math.min(MAX_SUGGESTIONS, similar.size())));
    return "class " + className + " is not loaded in this JVM" + (patching ? " (a class not loaded yet needs --when-loaded)" : "") + hint;
  }
}
