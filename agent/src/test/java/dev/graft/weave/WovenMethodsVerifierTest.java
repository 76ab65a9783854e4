package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** A method graft's weaving broke (javac never makes one) is refused as graft's own fault: exit 5, not 4. */
class WovenMethodsVerifierTest {
  private final WovenMethodsVerifier verifier = new WovenMethodsVerifier(new TypeHierarchy(getClass().getClassLoader()));

  /** {@code int broken()} adds with one value on the stack; {@code int sound()} returns 1. */
  private static byte[] classWithABrokenMethod() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "dev/graft/weave/Woven", null, "java/lang/Object", null);
    MethodVisitor broken = writer.visitMethod(Opcodes.ACC_STATIC, "broken", "()I", null, null);
    broken.visitCode();
    broken.visitInsn(Opcodes.ICONST_1);
    broken.visitInsn(Opcodes.IADD);
    broken.visitInsn(Opcodes.IRETURN);
    broken.visitMaxs(0, 0);
    broken.visitEnd();
    MethodVisitor sound = writer.visitMethod(Opcodes.ACC_STATIC, "sound", "()I", null, null);
    sound.visitCode();
    sound.visitInsn(Opcodes.ICONST_1);
    sound.visitInsn(Opcodes.IRETURN);
    sound.visitMaxs(0, 0);
    sound.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  @Test
  void brokenWovenMethod_isGraftsFault_exit5_namingTheMethodAndAsmsReason() {
    GraftException refused = assertThrows(GraftException.class, () -> verifier.verify(classWithABrokenMethod(), Set.of("broken()I")));
    assertEquals(ExitCodes.INTERNAL, refused.exitCode());
    assertEquals("graft's weaving of dev.graft.weave.Woven#broken produced code that fails ASM's verifier (Error at instruction 1: "
        + "Cannot pop operand off an empty stack.): a fault of graft, not of the snippet; nothing was changed; please report it "
        + "with the agent's log", refused.getMessage());
  }

  @Test
  void onlyTheChangedMethodsAreVerified() {
    verifier.verify(classWithABrokenMethod(), Set.of("sound()I")); // broken() is not graft's change: not its to judge
  }
}
