package dev.graft.weave;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * ASM's verifier over the methods graft changed, before the JVM sees them. javac has checked the snippet, so
 * a method that fails here was broken by graft's own weaving: exit 5 (graft's fault), not 4 (the JVM's
 * verdict on a change, which the user can act on), and nothing is handed to the JVM.
 */
final class WovenMethodsVerifier {
  private final TypeHierarchy hierarchy;

  WovenMethodsVerifier(TypeHierarchy hierarchy) {
    this.hierarchy = hierarchy;
  }

  /** Throws (exit 5) at the first of {@code methods} ({@code name + descriptor}) of {@code woven} that fails. */
  void verify(byte[] woven, Set<String> methods) {
    ClassNode type = new ClassNode();
    new ClassReader(woven).accept(type, 0);
    List<Type> interfaces = type.interfaces.stream().map(Type::getObjectType).toList();
    Type superType = type.superName == null ? null : Type.getObjectType(type.superName);
    boolean isInterface = (type.access & Opcodes.ACC_INTERFACE) != 0;
    for (MethodNode method : type.methods) {
      if (!methods.contains(method.name + method.desc)) {
        continue;
      }
      TypePoolVerifier verifier = new TypePoolVerifier(Type.getObjectType(type.name), superType, interfaces, isInterface, hierarchy);
      try {
        new Analyzer<>(verifier).analyze(type.name, method);
      } catch (AnalyzerException e) {
        throw new GraftException(ExitCodes.INTERNAL, "graft's weaving of " + type.name.replace('/', '.') + "#" + method.name
            + " produced code that fails ASM's verifier (" + e.getMessage() + "): a fault of graft, not of the snippet; "
            + "nothing was changed; please report it with the agent's log");
      }
    }
  }
}
