package dev.graft.weave;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@code CLASS#METHOD:exit --on-throw}: a handler around the method's whole body (in a constructor, from
 * after its {@code super(...)}/{@code this(...)} call, which no handler may cover while the object is not
 * initialised) catches any Throwable, keeps it in {@code thrown}, runs the exit's code with {@code result}
 * at 0 or null, and throws the same exception on. The handler is the method's last, so the method's own
 * handlers still catch what they caught; a later on-throw patch's handler covers an earlier one's, so each
 * sees the exception, in the order the patches were given.
 */
final class ExitHandler {
  private ExitHandler() {}

  /**
   * Where the exception path's code finds its values: the exit's {@code result} where the return path sets
   * the returned value aside (above the snippet's own locals), and {@code thrown} above that.
   */
  static SplicePoint exceptionPoint(MethodNode method, SplicePoint entry) {
    Type returned = Type.getReturnType(method.desc);
    return new SplicePoint(null, entry.firstInstruction(), SplicePoint.NO_LINE, returned.getSort() == Type.VOID ? List.of() : List.of(returned));
  }

  /** The slot of {@code thrown} at a point: above the values set aside there (the result, at an exit). */
  static int thrownSlot(MethodNode target, MethodNode snippet, int firstOwnSlot, SplicePoint point) {
    int slot = SnippetSplicer.setAsideBase(target, snippet, firstOwnSlot);
    for (Type value : point.stack()) {
      slot += value.getSize();
    }
    return slot;
  }

  /** {@code thrown = null} before the exit's code at a return. */
  static InsnList noneThrown(int thrownSlot) {
    InsnList code = new InsnList();
    code.add(new InsnNode(Opcodes.ACONST_NULL));
    code.add(new VarInsnNode(Opcodes.ASTORE, thrownSlot));
    return code;
  }

  /** Where the handler's range starts: after {@code constructorCall} in a constructor, else (null) at the method's start. */
  record BodyStart(AbstractInsnNode constructorCall) {}

  /** Found on the untouched method, before any copy is spliced in (find first, change second). */
  static BodyStart bodyStart(MethodNode method) {
    return new BodyStart("<init>".equals(method.name) ? ConstructorPrologue.constructorCall(method) : null);
  }

  /** Adds the handler with {@code copy}, the exit's code built for the exception path, to the method. */
  static void add(MethodNode method, BodyStart start, InsnList copy, int thrownSlot, int resultSlot) {
    LabelNode from = new LabelNode();
    LabelNode to = new LabelNode();
    LabelNode handler = new LabelNode();
    if (start.constructorCall() == null) {
      method.instructions.insert(from);
    } else {
      method.instructions.insert(start.constructorCall(), from);
    }
    method.instructions.add(to);
    InsnList code = new InsnList();
    code.add(handler);
    code.add(new VarInsnNode(Opcodes.ASTORE, thrownSlot));
    Type returned = Type.getReturnType(method.desc);
    if (returned.getSort() != Type.VOID) {
      code.add(new InsnNode(zeroOf(returned)));
      code.add(new VarInsnNode(returned.getOpcode(Opcodes.ISTORE), resultSlot));
    }
    code.add(copy);
    code.add(new VarInsnNode(Opcodes.ALOAD, thrownSlot));
    code.add(new InsnNode(Opcodes.ATHROW));
    method.instructions.add(code);
    method.tryCatchBlocks.add(new TryCatchBlockNode(from, to, handler, "java/lang/Throwable"));
  }

  private static int zeroOf(Type type) {
    return switch (type.getSort()) {
      case Type.LONG -> Opcodes.LCONST_0;
      case Type.FLOAT -> Opcodes.FCONST_0;
      case Type.DOUBLE -> Opcodes.DCONST_0;
      case Type.OBJECT, Type.ARRAY -> Opcodes.ACONST_NULL;
      default -> Opcodes.ICONST_0;
    };
  }
}
