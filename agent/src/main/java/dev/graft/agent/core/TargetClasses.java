package dev.graft.agent.core;

import dev.graft.patch.PatchRegistry;
import dev.graft.protocol.GraftException;
import java.util.List;
import java.util.stream.Collectors;

/** Finds the class a command names: loaded, or, with {@code --when-loaded}, as its loader would load it. */
final class TargetClasses {
  private final AgentContext context;

  TargetClasses(AgentContext context) {
    this.context = context;
  }

  TargetClass resolve(String className, String loaderId, boolean whenLoaded) {
    if (!whenLoaded || context.classes().isLoaded(className)) {
      Class<?> type = context.classes().find(className, loaderId, true);
      return new TargetClass(type.getName(), type.getClassLoader(), context.loaderIds().idOf(type.getClassLoader()), type,
          context.classFiles().originalForPatching(type));
    }
    boolean anyLoader = loaderId == null || loaderId.equals(PatchRegistry.ANY_LOADER);
    ClassLoader loader = anyLoader ? definingLoader(className) : context.loaderIds().loader(loaderId);
    byte[] bytes = context.classFiles().fromLoader(loader, className);
    if (bytes == null) {
      throw GraftException.rejected("class " + className + " is not loaded, and " + LoaderIds.describe(loader)
          + " has no class file for it, so it cannot be waited for; name the loader that will define it with --loader ID|NAME");
    }
    return new TargetClass(className, loader, anyLoader ? PatchRegistry.ANY_LOADER : context.loaderIds().canonical(loaderId), null, bytes);
  }

  /** The class is loaded, or some class loader serves its class file (so a patch can be compiled for it now). */
  boolean served(String className) {
    if (context.classes().isLoaded(className)) {
      return true;
    }
    return !servingLoaders(className).isEmpty();
  }

  /** The known loaders that serve the class file of {@code className}. */
  private List<ClassLoader> servingLoaders(String className) {
    String resource = className.replace('.', '/') + ".class";
    return context.loaderIds().known().stream().filter(loader -> loader.getResource(resource) != null).toList();
  }

  /**
   * The loader that will define a class not loaded yet: of the loaders that serve its class file, the one
   * none of whose parents serves it too (with parent-first delegation, that one defines it). In a Spring
   * Boot fat jar that is the LaunchedClassLoader, which the system loader cannot see into.
   */
  private ClassLoader definingLoader(String className) {
    List<ClassLoader> serving = servingLoaders(className);
    List<ClassLoader> defining = serving.stream().filter(loader -> serving.stream().noneMatch(other -> other != loader && isAncestor(other, loader))).toList();
    if (defining.size() > 1) {
      throw GraftException.rejected("class " + className + " is not loaded, and " + defining.size() + " class loaders could define it: "
          + defining.stream().map(loader -> context.loaderIds().idOf(loader) + " (" + LoaderIds.describe(loader) + ")").collect(Collectors.joining(", "))
          + "; name one with --loader ID|NAME");
    }
    return defining.isEmpty() ? ClassLoader.getSystemClassLoader() : defining.get(0);
  }

  private static boolean isAncestor(ClassLoader candidate, ClassLoader of) {
    for (ClassLoader parent = of.getParent(); parent != null; parent = parent.getParent()) {
      if (parent == candidate) {
        return true;
      }
    }
    return false;
  }
}
