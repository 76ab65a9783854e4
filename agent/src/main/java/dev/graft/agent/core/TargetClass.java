package dev.graft.agent.core;

/**
 * A class a patch changes: loaded (then {@code loaded} is its Class), or not loaded yet and waiting
 * ({@code --when-loaded}), known by its name, the loader expected to define it, and the class file that
 * loader serves.
 *
 * @param loaderId the patch's loader id: the defining loader's, or {@code *} for any loader
 */
record TargetClass(String name, ClassLoader loader, String loaderId, Class<?> loaded, byte[] original) {
  boolean isLoaded() {
    return loaded != null;
  }

  String internalName() {
    return name.replace('.', '/');
  }

  /** Groups the patches of one class: the Class itself, or its name and loader while it waits. */
  Object key() {
    return loaded != null ? loaded : loaderId + "/" + name;
  }
}
