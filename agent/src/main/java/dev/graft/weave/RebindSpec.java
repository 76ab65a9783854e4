package dev.graft.weave;

import java.util.List;

/**
 * Every read of one variable, in some methods of one class, yields an expression instead: the captured
 * parameter of a lambda body, the {@code val$x} field of an anonymous or local class, or a field read by
 * a method. The expression is compiled as the wrapper's {@value SnippetWrapper#METHOD}, whose parameters
 * are bound at each read by {@code parameters}; it is evaluated at each read.
 *
 * @param methods the methods (name + descriptor) whose reads change
 * @param wrapperStandsFor the class the wrapper extends: its member references are that class's
 */
public record RebindSpec(
    String patchId, List<String> methods, Read read, List<Source> parameters, byte[] wrapperClass, String wrapperStandsFor, String hitsKey)
    implements WeaveSpec {
  public RebindSpec(String patchId, List<String> methods, Read read, List<Source> parameters, byte[] wrapperClass, String wrapperStandsFor) {
    this(patchId, methods, read, parameters, wrapperClass, wrapperStandsFor, null);
  }

  /** What a read is: a load of a local slot, a get of a field, or a get of a Kotlin Ref's element held in a local. */
  public record Read(int slot, String owner, String name, String descriptor, boolean isStatic) {
    public static Read local(int slot) {
      return new Read(slot, null, null, null, false);
    }

    /** {@code slot.element}: the read of a captured Kotlin var, whose local holds a {@code holder}. */
    public static Read held(int slot, String holder) {
      return new Read(slot, holder, KotlinLocals.ELEMENT, KotlinLocals.elementField(holder), false);
    }

    public boolean isHeld() {
      return slot >= 0 && owner != null;
    }

    public static Read field(String owner, String name, String descriptor, boolean isStatic) {
      return new Read(-1, owner, name, descriptor, isStatic);
    }

    public boolean isLocal() {
      return slot >= 0;
    }
  }

  /**
   * Where a wrapper parameter's value comes from at a read: a local slot, a field of {@code this}, or the
   * element of a Kotlin Ref in a local slot ({@code owner} the holder, {@code descriptor} the element's type).
   */
  public record Source(int slot, String owner, String field, String descriptor) {
    public static Source local(int slot, String descriptor) {
      return new Source(slot, null, null, descriptor);
    }

    public static Source of(ScopedLocal local) {
      return local.isHeld() ? new Source(local.slot(), local.holder(), KotlinLocals.ELEMENT, local.descriptor())
          : local(local.slot(), local.descriptor());
    }

    public boolean isHeld() {
      return slot >= 0 && owner != null;
    }

    public static Source thisField(String owner, String field, String descriptor) {
      return new Source(-1, owner, field, descriptor);
    }

    public boolean isLocal() {
      return slot >= 0 && owner == null;
    }
  }
}
