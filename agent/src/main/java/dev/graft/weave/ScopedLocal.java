package dev.graft.weave;

/**
 * A local variable or parameter in scope at a splice point: the name a snippet uses, its types and slot.
 *
 * @param holder for a Kotlin captured {@code var}, the {@code kotlin.jvm.internal.Ref} class (internal name)
 *     whose {@code element} the local holds: the snippet sees the element ({@code descriptor} and
 *     {@code sourceType} are the element's), and reading or writing it reads or writes {@code element};
 *     null for a plain local
 */
public record ScopedLocal(String name, String descriptor, String sourceType, int slot, String holder) {
  public ScopedLocal(String name, String descriptor, String sourceType, int slot) {
    this(name, descriptor, sourceType, slot, null);
  }

  public boolean isHeld() {
    return holder != null;
  }
}
