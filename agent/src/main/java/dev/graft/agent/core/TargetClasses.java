package dev.graft.agent.core;

import dev.graft.patch.PatchRegistry;
import dev.graft.protocol.GraftException;

/** Finds the class a command names: loaded, or, with {@code --when-loaded}, as its loader would load it. */
final class TargetClasses {
  private final AgentContext context;

  TargetClasses(AgentContext context) {
    this.context = context;
  }

  TargetClass resolve(String className, String loaderId, boolean whenLoaded) {
    if (!whenLoaded || context.classes().isLoaded(className)) {
      Class<?> type = context.classes().find(className, loaderId);
      return new TargetClass(type.getName(), type.getClassLoader(), context.loaderIds().idOf(type.getClassLoader()), type,
          context.classFiles().original(type));
    }
    boolean anyLoader = loaderId == null || loaderId.equals(PatchRegistry.ANY_LOADER);
    ClassLoader loader = anyLoader ? ClassLoader.getSystemClassLoader() : context.loaderIds().loader(loaderId);
    byte[] bytes = context.classFiles().fromLoader(loader, className);
    if (bytes == null) {
      throw GraftException.rejected("class " + className + " is not loaded, and " + LoaderIds.describe(loader)
          + " has no class file for it, so it cannot be waited for; name the loader that will define it with --loader ID");
    }
    return new TargetClass(className, loader, anyLoader ? PatchRegistry.ANY_LOADER : loaderId, null, bytes);
  }
}
