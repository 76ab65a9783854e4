package dev.graft.weave;

/**
 * A class loader that lives for one question: it defines one copy of a class, as a child of the class's
 * own loader, so that every other name the copy refers to resolves to the classes the real one sees. Nobody
 * keeps it: once the question is answered, the loader and its copy can be unloaded at the next collection.
 */
final class ThrowawayLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  ThrowawayLoader(ClassLoader parent) {
    super("graft-verifier", parent);
  }

  /** Defines the copy and links it, which makes the JVM verify it; nothing of it runs (no initialisation). */
  Class<?> defineAndLink(String name, byte[] bytes) {
    Class<?> copy = defineClass(name, bytes, 0, bytes.length);
    // Reflection over a class's methods links it first (HotSpot's JVM_GetClassDeclaredMethods), and
    // linking runs the split verifier over its code: a VerifyError comes from here. It neither
    // initialises the class nor runs any of its code, unlike Class.forName(name, true, ...) or
    // Lookup.ensureInitialized, which would also initialise its super classes.
    copy.getDeclaredMethods();
    return copy;
  }
}
