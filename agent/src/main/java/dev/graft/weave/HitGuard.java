package dev.graft.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The check before the code of a patch with a lifetime: it takes one of the runs left from an
 * {@code AtomicLong} the agent keeps in a system property (JDK types only, as a watch's queue), and jumps
 * past the patch's code when there were none left. So the code stops at its last hit at once, before the
 * agent's own thread has reverted the patch; and at the end of a {@code --for} the agent sets the runs left
 * to zero. A property that is gone (never expected while the patch is woven) counts as none left: the
 * application's thread must not see a NullPointerException of graft's. A patch with {@code --for} only
 * has nothing to count: its guard only reads the counter (a decrement on every call cost a loop about
 * 10 ns a call, and threads would contend for it), which the agent sets to zero at the deadline.
 */
public final class HitGuard {
  private static final String ATOMIC_LONG = "java/util/concurrent/atomic/AtomicLong";
  /** The property of a patch whose runs are counted ({@code --hits}). */
  private static final String COUNTED = "dev.graft.hits.";
  /** The property of a patch that only has a deadline ({@code --for}). */
  private static final String TIMED = "dev.graft.until.";

  /** The system property a patch's guard reads: {@code counted}, each run takes one from it; else it is only read. */
  public static String keyFor(String patchId, boolean counted) {
    return (counted ? COUNTED : TIMED) + patchId;
  }

  private HitGuard() {}

  /**
   * {@code if (!(getProperties().get(key) instanceof AtomicLong left) || left.getAndDecrement() <= 0) goto skip;}
   * ({@code left.get()} for a key that does not count). The stack is left as found.
   */
  public static InsnList skipWhenSpent(String key, LabelNode skip) {
    InsnList code = new InsnList();
    LabelNode present = new LabelNode();
    code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "java/lang/System", "getProperties", "()Ljava/util/Properties;", false));
    code.add(new LdcInsnNode(key));
    code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/util/Properties", "get", "(Ljava/lang/Object;)Ljava/lang/Object;", false));
    code.add(new InsnNode(Opcodes.DUP));
    code.add(new TypeInsnNode(Opcodes.INSTANCEOF, ATOMIC_LONG));
    code.add(new JumpInsnNode(Opcodes.IFNE, present));
    code.add(new InsnNode(Opcodes.POP));
    code.add(new JumpInsnNode(Opcodes.GOTO, skip));
    code.add(present);
    code.add(new TypeInsnNode(Opcodes.CHECKCAST, ATOMIC_LONG));
    code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, ATOMIC_LONG, key.startsWith(COUNTED) ? "getAndDecrement" : "get", "()J", false));
    code.add(new InsnNode(Opcodes.LCONST_0));
    code.add(new InsnNode(Opcodes.LCMP));
    code.add(new JumpInsnNode(Opcodes.IFLE, skip));
    return code;
  }

  /**
   * Wraps one spliced copy: the guard before it, a jump target after it. The copy's own last label is
   * where it ends either way, so the guard's skip lands where the copy would have finished.
   */
  public static void guard(InsnList copy, String key) {
    if (key == null) {
      return;
    }
    LabelNode skip = new LabelNode();
    copy.insert(skipWhenSpent(key, skip));
    copy.add(skip);
  }
}
