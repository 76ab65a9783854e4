package dev.graft.weave;

import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The copy of a class that the JVM's verifier is asked about: the class as it is, with only the methods
 * in question. The others are left out because their verdict is not asked (they are the class's own, and
 * the JVM verified them already) and because each is one more chance for the copy to differ from the real
 * class in a way the real one does not. The static initialiser goes too unless it is in question: linking
 * never runs it, and without it nothing of the class could run even if something initialised the copy.
 */
final class VerifierCopy {
  private VerifierCopy() {}

  /** {@code methods} are names with descriptors, {@code "price(IDD)D"}. Frames are kept as they are. */
  static byte[] of(byte[] classFile, Set<String> methods) {
    ClassWriter writer = new ClassWriter(0);
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return methods.contains(name + descriptor) ? super.visitMethod(access, name, descriptor, signature, exceptions) : null;
      }
    }, 0);
    return writer.toByteArray();
  }
}
