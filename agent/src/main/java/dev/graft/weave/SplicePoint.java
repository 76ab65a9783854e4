package dev.graft.weave;

import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * One place in a method where spliced code runs: right after {@code anchor} (a line's LineNumberNode, the
 * store that opens a handler, the constructor's super call, or null for the very start), where the
 * operand stack is empty.
 *
 * @param firstInstruction the index in the method's instruction list of the original code that follows
 * @param reportLine the line the copy must report itself on, when no LineNumberNode before it does
 *     ({@link #NO_LINE} otherwise)
 */
public record SplicePoint(AbstractInsnNode anchor, int firstInstruction, int reportLine) {
  public static final int NO_LINE = -1;
}
