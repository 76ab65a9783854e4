package dev.graft.weave;

import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * One place in a method where spliced code runs: right after {@code anchor} (a line's LineNumberNode, the
 * constructor's super call, or null for the very start), where the operand stack is empty.
 *
 * @param firstInstruction the index in the method's instruction list of the original code that follows
 */
public record SplicePoint(AbstractInsnNode anchor, int firstInstruction) {}
