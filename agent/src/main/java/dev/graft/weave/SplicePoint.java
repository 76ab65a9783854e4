package dev.graft.weave;

import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * One place in a method where spliced code runs: right after {@code anchor} (a line's LineNumberNode, the
 * store that opens a handler, the constructor's super call, or null for the very start), where the
 * operand stack is empty, or, for a copy of a Kotlin inline function inlined inside an expression, holds
 * {@code stack}: the weaver sets those values aside in locals around the spliced code.
 *
 * @param firstInstruction the index in the method's instruction list of the original code that follows
 * @param reportLine the line the copy must report itself on, when no LineNumberNode before it does
 *     ({@link #NO_LINE} otherwise)
 * @param stack the operand stack's values at the point, bottom first (their sorts: int, long, float, double, Object)
 */
public record SplicePoint(AbstractInsnNode anchor, int firstInstruction, int reportLine, List<Type> stack) {
  public static final int NO_LINE = -1;

  public SplicePoint(AbstractInsnNode anchor, int firstInstruction, int reportLine) {
    this(anchor, firstInstruction, reportLine, List.of());
  }
}
