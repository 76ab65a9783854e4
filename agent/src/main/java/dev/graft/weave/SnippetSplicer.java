package dev.graft.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Inlines one copy of a snippet's code at one splice point: the wrapper's parameters become the target's
 * own locals (so assignments change the running method), the snippet's locals move above the target's,
 * falling off the end becomes a jump to the line's code, and, unless exceptions propagate, a handler
 * around the copy reports escaping exceptions to the agent (on a java.util.logging logger) and goes on with the line. Explicit
 * {@code throw} statements are left outside that handler: they are fault injection.
 */
public final class SnippetSplicer {
  /**
   * Spliced code reports the exceptions it catches on this java.util.logging logger, where the agent
   * listens: a channel made of JDK classes only, so no graft class has to be visible to the patched class.
   */
  public static final String EXCEPTION_LOGGER = "dev.graft.patches";
  private static final String JUL_LOGGER = "java/util/logging/Logger";
  private static final String JUL_LEVEL = "java/util/logging/Level";

  private final MethodNode snippet;
  private final Map<Integer, Integer> slotMap;
  private final Map<Integer, ScopedLocal> heldSlots;
  private final int firstOwnSlot;
  private final int ownSlotBase;
  private final List<TryCatchBlockNode> handlers = new ArrayList<>();

  /**
   * @param slotMap wrapper slot to target slot, for {@code this}, {@code self} and every local passed in
   * @param firstOwnSlot the first wrapper slot after its parameters: the snippet's own locals start there
   * @param ownSlotBase where the snippet's own locals go in the target method
   */
  public SnippetSplicer(MethodNode snippet, Map<Integer, Integer> slotMap, int firstOwnSlot, int ownSlotBase) {
    this(snippet, slotMap, Map.of(), firstOwnSlot, ownSlotBase);
  }

  /**
   * @param heldSlots wrapper slots whose target local is a Kotlin Ref holder, with that local: the snippet's
   *     reads and writes of the value become reads and writes of the holder's {@code element}
   */
  public SnippetSplicer(MethodNode snippet, Map<Integer, Integer> slotMap, Map<Integer, ScopedLocal> heldSlots, int firstOwnSlot,
      int ownSlotBase) {
    this.snippet = snippet;
    this.slotMap = slotMap;
    this.heldSlots = heldSlots;
    this.firstOwnSlot = firstOwnSlot;
    this.ownSlotBase = ownSlotBase;
  }

  /** The first local above the snippet's own: where the weaver sets aside values left on the stack. */
  public int setAsideBase() {
    return ownSlotBase + ownLocals(snippet, firstOwnSlot);
  }

  /** The same, before a splicer is made: the snippet's own locals go above the target's {@code maxLocals}. */
  public static int setAsideBase(MethodNode target, MethodNode snippet, int firstOwnSlot) {
    return target.maxLocals + ownLocals(snippet, firstOwnSlot);
  }

  /** How many local slots the snippet's own locals take above the target's (with room for a wide one). */
  private static int ownLocals(MethodNode snippet, int firstOwnSlot) {
    return Math.max(0, snippet.maxLocals - firstOwnSlot) + 2;
  }

  /** The try/catch entries of the spliced copies; they must precede the target's own, which may enclose them. */
  public List<TryCatchBlockNode> handlers() {
    return handlers;
  }

  /** Builds one copy of the snippet for the patch; returns the code to insert at the splice point. */
  public InsnList copy(String patchId, boolean propagate) {
    return copy(patchId, propagate, false);
  }

  /**
   * {@code onExceptionPath}: the copy runs in {@link ExitHandler}'s handler, while an exception leaves the
   * method, which must go on unchanged: the snippet's {@code return} ends the snippet (the handler then
   * throws the exception on), and what the snippet throws, its own {@code throw} statements included, is
   * caught and counted like any exception of spliced code.
   */
  public InsnList copy(String patchId, boolean propagate, boolean onExceptionPath) {
    propagate &= !onExceptionPath;
    Map<LabelNode, LabelNode> labels = freshLabels();
    LabelNode start = new LabelNode();
    LabelNode codeEnd = new LabelNode();
    LabelNode end = new LabelNode();
    InsnList code = new InsnList();
    List<LabelNode> coverage = new ArrayList<>(); // pairs of [from, to) the handler covers, none empty
    LabelNode open = start;
    boolean openHasCode = false;
    boolean userThrow = false;
    code.add(start);
    for (AbstractInsnNode insn = snippet.instructions.getFirst(); insn != null; insn = insn.getNext()) {
      if (insn instanceof LineNumberNode || insn instanceof FrameNode) {
        continue; // the copy reports the line it was spliced before; frames are recomputed
      }
      if (insn instanceof MethodInsnNode call && call.name.equals(SnippetWrapper.CONTINUE)) {
        code.add(new JumpInsnNode(Opcodes.GOTO, end));
        openHasCode = true;
        insn = nextReal(insn); // the ATHROW after the marker
        continue;
      }
      if (insn instanceof MethodInsnNode call && call.name.equals(SnippetWrapper.THROW)) {
        userThrow = !onExceptionPath; // the identity call marks a throw statement the user wrote: it is left out
        continue;
      }
      int opcode = insn.getOpcode();
      if (onExceptionPath && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
        if (opcode == Opcodes.LRETURN || opcode == Opcodes.DRETURN) {
          code.add(new InsnNode(Opcodes.POP2));
        } else if (opcode != Opcodes.RETURN) {
          code.add(new InsnNode(Opcodes.POP));
        }
        code.add(new JumpInsnNode(Opcodes.GOTO, end)); // the value is not returned: the exception goes on
        openHasCode = true;
        continue;
      }
      if (isHeld(insn)) {
        code.add(heldAccess(insn));
        openHasCode = true;
        continue;
      }
      AbstractInsnNode clone = remapSlots(insn.clone(labels));
      if (insn.getOpcode() == Opcodes.ATHROW && userThrow && !propagate) {
        // a throw statement is fault injection: it must leave the target method, not reach graft's handler
        LabelNode before = new LabelNode();
        LabelNode after = new LabelNode();
        code.add(before);
        if (openHasCode) {
          coverage.add(open);
          coverage.add(before);
        }
        code.add(clone);
        code.add(after);
        open = after;
        openHasCode = false;
      } else {
        code.add(clone);
        openHasCode |= insn.getOpcode() >= 0;
      }
      if (insn.getOpcode() == Opcodes.ATHROW) {
        userThrow = false;
      }
    }
    code.add(codeEnd);
    if (openHasCode) {
      coverage.add(open);
      coverage.add(codeEnd);
    }
    for (TryCatchBlockNode block : snippet.tryCatchBlocks) {
      handlers.add(new TryCatchBlockNode(labels.get(block.start), labels.get(block.end), labels.get(block.handler), block.type));
    }
    if (!propagate && !coverage.isEmpty()) {
      LabelNode handler = new LabelNode();
      for (int i = 0; i < coverage.size(); i += 2) {
        handlers.add(new TryCatchBlockNode(coverage.get(i), coverage.get(i + 1), handler, "java/lang/Throwable"));
      }
      code.add(handler);
      code.add(reportCaught(patchId));
    }
    code.add(end);
    return code;
  }

  /**
   * One copy of an expression wrapper's code, to stand where a read was: its value is left on the operand
   * stack, whatever is below it stays. No handler can be put around it (a handler would empty the stack),
   * so exceptions of the expression propagate, and an expression with a try block is refused.
   */
  public InsnList copyExpression() {
    if (!snippet.tryCatchBlocks.isEmpty()) {
      throw dev.graft.protocol.GraftException.rejected("the expression contains a try block; a rebinding must be a plain expression");
    }
    Map<LabelNode, LabelNode> labels = freshLabels();
    LabelNode end = new LabelNode();
    InsnList code = new InsnList();
    for (AbstractInsnNode insn : snippet.instructions) {
      if (insn instanceof LineNumberNode || insn instanceof FrameNode) {
        continue;
      }
      if (insn instanceof MethodInsnNode call && call.name.equals(SnippetWrapper.THROW)) {
        continue; // an identity call; in an expression nothing is caught anyway
      }
      int opcode = insn.getOpcode();
      if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.ARETURN) {
        code.add(new JumpInsnNode(Opcodes.GOTO, end)); // the value stays on the stack
        continue;
      }
      code.add(isHeld(insn) ? heldAccess(insn) : singleton(remapSlots(insn.clone(labels))));
    }
    if (code.getLast() instanceof JumpInsnNode last && last.label == end) {
      code.remove(last); // the last return falls through to the read's place anyway
    }
    code.add(end);
    return code;
  }

  /** With the caught Throwable on the stack: {@code Logger.getLogger(EXCEPTION_LOGGER).log(Level.WARNING, patchId, thrown)}. */
  private static InsnList reportCaught(String patchId) {
    InsnList report = new InsnList();
    report.add(new LdcInsnNode(EXCEPTION_LOGGER));
    report.add(new MethodInsnNode(Opcodes.INVOKESTATIC, JUL_LOGGER, "getLogger", "(Ljava/lang/String;)L" + JUL_LOGGER + ";", false));
    report.add(new InsnNode(Opcodes.SWAP)); // logger, thrown
    report.add(new FieldInsnNode(Opcodes.GETSTATIC, JUL_LEVEL, "WARNING", "L" + JUL_LEVEL + ";"));
    report.add(new InsnNode(Opcodes.SWAP)); // logger, level, thrown
    report.add(new LdcInsnNode(patchId));
    report.add(new InsnNode(Opcodes.SWAP)); // logger, level, patch id, thrown
    report.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, JUL_LOGGER, "log",
        "(L" + JUL_LEVEL + ";Ljava/lang/String;Ljava/lang/Throwable;)V", false));
    return report;
  }

  /** A new label for each of the snippet's, so every copy has labels of its own. */
  private Map<LabelNode, LabelNode> freshLabels() {
    Map<LabelNode, LabelNode> labels = new HashMap<>();
    for (AbstractInsnNode insn : snippet.instructions) {
      if (insn instanceof LabelNode label) {
        labels.put(label, new LabelNode());
      }
    }
    return labels;
  }

  private static InsnList singleton(AbstractInsnNode insn) {
    InsnList list = new InsnList();
    list.add(insn);
    return list;
  }

  private boolean isHeld(AbstractInsnNode insn) {
    int slot = insn instanceof VarInsnNode var ? var.var : insn instanceof IincInsnNode iinc ? iinc.var : -1;
    return heldSlots.containsKey(slot);
  }

  /**
   * A load, store or increment of a value the target keeps in a Kotlin Ref: the same on the Ref's
   * {@code element}, as kotlinc itself compiles a captured var. The value's type is the load or store's.
   */
  private InsnList heldAccess(AbstractInsnNode insn) {
    int wrapperSlot = insn instanceof VarInsnNode var ? var.var : ((IincInsnNode) insn).var;
    ScopedLocal local = heldSlots.get(wrapperSlot);
    String holder = local.holder();
    String field = KotlinLocals.elementField(holder);
    int ref = targetSlot(wrapperSlot);
    InsnList code = new InsnList();
    if (insn instanceof IincInsnNode iinc) {
      code.add(new VarInsnNode(Opcodes.ALOAD, ref));
      code.add(new InsnNode(Opcodes.DUP));
      code.add(new FieldInsnNode(Opcodes.GETFIELD, holder, KotlinLocals.ELEMENT, field));
      code.add(new LdcInsnNode(iinc.incr));
      code.add(new InsnNode(Opcodes.IADD));
      code.add(new FieldInsnNode(Opcodes.PUTFIELD, holder, KotlinLocals.ELEMENT, field));
      return code;
    }
    int opcode = insn.getOpcode();
    if (opcode >= Opcodes.ILOAD && opcode <= Opcodes.ALOAD) {
      code.add(new VarInsnNode(Opcodes.ALOAD, ref));
      code.add(new FieldInsnNode(Opcodes.GETFIELD, holder, KotlinLocals.ELEMENT, field));
      if (!field.equals(local.descriptor())) { // an ObjectRef's element is an Object; the snippet expects its type
        code.add(new TypeInsnNode(Opcodes.CHECKCAST, Type.getType(local.descriptor()).getInternalName()));
      }
      return code;
    }
    boolean wide = opcode == Opcodes.LSTORE || opcode == Opcodes.DSTORE;
    code.add(new VarInsnNode(Opcodes.ALOAD, ref)); // value, ref
    if (wide) {
      code.add(new InsnNode(Opcodes.DUP_X2));
      code.add(new InsnNode(Opcodes.POP));
    } else {
      code.add(new InsnNode(Opcodes.SWAP));
    }
    code.add(new FieldInsnNode(Opcodes.PUTFIELD, holder, KotlinLocals.ELEMENT, field));
    return code;
  }

  private AbstractInsnNode remapSlots(AbstractInsnNode insn) {
    if (insn instanceof VarInsnNode var) {
      var.var = targetSlot(var.var);
    } else if (insn instanceof IincInsnNode iinc) {
      iinc.var = targetSlot(iinc.var);
    }
    return insn;
  }

  private int targetSlot(int wrapperSlot) {
    if (wrapperSlot >= firstOwnSlot) {
      return ownSlotBase + wrapperSlot - firstOwnSlot;
    }
    Integer mapped = slotMap.get(wrapperSlot);
    if (mapped == null) {
      throw new IllegalStateException("snippet slot " + wrapperSlot + " maps to no local of the target");
    }
    return mapped;
  }

  private static AbstractInsnNode nextReal(AbstractInsnNode insn) {
    AbstractInsnNode next = insn.getNext();
    while (next != null && next.getOpcode() < 0) {
      next = next.getNext();
    }
    if (next == null || next.getOpcode() != Opcodes.ATHROW) {
      throw new IllegalStateException("the snippet's continue marker is not followed by athrow");
    }
    return next;
  }

  /** The wrapper slots of its parameters: {@code this} (instance), {@code self} (instance), then the locals. */
  public static int[] parameterSlots(MethodNode wrapper, boolean instance) {
    Type[] parameters = Type.getArgumentTypes(wrapper.desc);
    int[] slots = new int[parameters.length + 1];
    int slot = instance ? 1 : 0;
    for (int i = 0; i < parameters.length; i++) {
      slots[i] = slot;
      slot += parameters[i].getSize();
    }
    slots[parameters.length] = slot;
    return slots;
  }
}
