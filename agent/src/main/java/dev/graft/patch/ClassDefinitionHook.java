package dev.graft.patch;

/**
 * Told of a class the JVM is about to define, before the transformer looks for its patches: a start-up
 * script's patches whose class no loader could serve when the JVM started (a Spring Boot application
 * class, inside the fat jar) are compiled against the loader that defines it, now.
 */
public interface ClassDefinitionHook {
  ClassDefinitionHook NONE = new ClassDefinitionHook() {
    @Override
    public boolean awaits(String internalName) {
      return false;
    }

    @Override
    public void defining(ClassLoader loader, String internalName) {}
  };

  /** Cheap enough for every class load. */
  boolean awaits(String internalName);

  /** Registers the patches waiting for this class, compiled against {@code loader}; never throws. */
  void defining(ClassLoader loader, String internalName);
}
