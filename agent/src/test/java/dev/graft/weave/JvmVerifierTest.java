package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.graft.testing.ClassBytes;
import dev.graft.weave.targets.Branch;
import dev.graft.weave.targets.Heir;
import dev.graft.weave.targets.Node;
import dev.graft.weave.targets.elsewhere.Guarded;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * Woven classes the JVM refuses though ASM's SimpleVerifier (graft's first check) accepts them: the JVM's
 * own verifier, asked through a throwaway copy, refuses them with its reason; and the copy's differences
 * from the real class (another class of the same name, another runtime package) refuse nothing.
 */
class JvmVerifierTest {
  private static final String HEIR = Type.getInternalName(Heir.class);
  private static final String GUARDED = Type.getInternalName(Guarded.class);
  private static final String NODE = Type.getInternalName(Node.class);

  @Test
  void judge_thisUsedBeforeSuperConstructor_refusedWithTheVerifiersReason() {
    byte[] woven = woven(Heir.class, "<init>", "(I)V", method -> method.instructions.insert(list(
        new VarInsnNode(Opcodes.ALOAD, 0),
        new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HEIR, "toString", "()Ljava/lang/String;"),
        new InsnNode(Opcodes.POP))));

    assertEquals(new JvmVerdict.Refused("Bad type on operand stack: at " + HEIR + ".<init>(I)V @1: invokevirtual: "
            + "Type uninitializedThis (current frame, stack[0]) is not assignable to '" + HEIR + "'"),
        judge(Heir.class, woven, "<init>(I)V"));
  }

  @Test
  void judge_protectedMemberOfAnotherPackageOnAnotherInstance_refusedWithTheVerifiersReason() {
    byte[] woven = woven(Heir.class, "peek", "(L" + GUARDED + ";)I", method -> method.instructions.insert(list(
        new VarInsnNode(Opcodes.ALOAD, 1),
        new MethodInsnNode(Opcodes.INVOKEVIRTUAL, GUARDED, "secret", "()I"),
        new InsnNode(Opcodes.IRETURN))));

    assertEquals(new JvmVerdict.Refused("Bad access to protected data in invokevirtual: at " + HEIR + ".peek(L" + GUARDED
            + ";)I @1: invokevirtual: Type '" + GUARDED + "' (current frame, stack[0]) is not assignable to '" + HEIR + "'"),
        judge(Heir.class, woven, "peek(L" + GUARDED + ";)I"));
  }

  @Test
  void judge_stackMapFrameThatContradictsTheCode_refusedWithTheVerifiersReason() {
    ClassNode type = new ClassNode();
    new ClassReader(ClassBytes.of(Heir.class)).accept(type, ClassReader.EXPAND_FRAMES);
    MethodNode choose = ClassBytes.method(type, "choose", "(Z)I");
    FrameNode frame = (FrameNode) java.util.Arrays.stream(choose.instructions.toArray())
        .filter(FrameNode.class::isInstance).findFirst().orElseThrow();
    frame.local.set(1, "java/lang/String"); // the boolean parameter, said to be a String at the branch target
    ClassWriter writer = new ClassWriter(0);
    type.accept(writer);
    byte[] woven = writer.toByteArray();
    assertSimpleVerifierAccepts(woven, "choose");

    assertEquals(new JvmVerdict.Refused("Inconsistent stackmap frames at branch target 11: at " + HEIR + ".choose(Z)I @11: aload_0: "
            + "Type integer (current frame, locals[1]) is not assignable to 'java/lang/String' (stack map, locals[1])"),
        judge(Heir.class, woven, "choose(Z)I"));
  }

  @Test
  void judge_soundWovenClass_accepted() {
    byte[] woven = woven(Heir.class, "peek", "(L" + GUARDED + ";)I", method -> method.instructions.insert(list(
        new VarInsnNode(Opcodes.ALOAD, 0),
        new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HEIR, "secret", "()I"),
        new InsnNode(Opcodes.IRETURN))));

    assertEquals(new JvmVerdict.Accepted(), judge(Heir.class, woven, "peek(L" + GUARDED + ";)I"));
  }

  @Test
  void judge_codeThatMakesTheClassOwnSubclass_notAskedRatherThanRefused() {
    String leaf = Type.getInternalName(Node.Leaf.class);
    byte[] woven = woven(Node.class, "child", "()L" + NODE + ";", method -> method.instructions.insert(list(
        new TypeInsnNode(Opcodes.NEW, leaf),
        new InsnNode(Opcodes.DUP),
        new MethodInsnNode(Opcodes.INVOKESPECIAL, leaf, "<init>", "()V"),
        new InsnNode(Opcodes.ARETURN))));

    assertEquals(new JvmVerdict.NotAsked(leaf + " is assignable to " + NODE + " in the real class's hierarchy, not in the copy's"
            + " (Bad return type: at " + NODE + ".child()L" + NODE + "; @7: areturn: Type '" + leaf
            + "' (current frame, stack[0]) is not assignable to '" + NODE + "' (from method signature))"),
        judge(Node.class, woven, "child()L" + NODE + ";"));
  }

  @Test
  void judge_protectedMemberOfASuperClassInTheSamePackage_notAskedRatherThanRefused() {
    byte[] woven = woven(Branch.class, "weigh", "(L" + NODE + ";)I", method -> method.instructions.insert(list(
        new VarInsnNode(Opcodes.ALOAD, 1),
        new MethodInsnNode(Opcodes.INVOKEVIRTUAL, NODE, "weight", "()I"),
        new InsnNode(Opcodes.IRETURN))));

    JvmVerdict verdict = judge(Branch.class, woven, "weigh(L" + NODE + ";)I");

    assertEquals(JvmVerdict.NotAsked.class, verdict.getClass());
    String why = ((JvmVerdict.NotAsked) verdict).why();
    assertEquals("a super class shares the class's runtime package, which the copy does not", why.substring(0, why.indexOf(" (")));
  }

  @Test
  void judge_refusalTheUnpatchedCopyGetsToo_notAskedRatherThanRefused() {
    byte[] refusedEitherWay = woven(Heir.class, "<init>", "(I)V", method -> method.instructions.insert(list(
        new VarInsnNode(Opcodes.ALOAD, 0),
        new MethodInsnNode(Opcodes.INVOKEVIRTUAL, HEIR, "toString", "()Ljava/lang/String;"),
        new InsnNode(Opcodes.POP))));

    JvmVerdict verdict = JvmVerifier.judge(Heir.class, refusedEitherWay, refusedEitherWay, Set.of("<init>(I)V"));

    assertEquals(JvmVerdict.NotAsked.class, verdict.getClass());
    String why = ((JvmVerdict.NotAsked) verdict).why();
    assertEquals("the JVM refuses the unpatched class's copy too", why.substring(0, why.indexOf(" (")));
  }

  @Test
  void judge_classOfTheBootLoader_notAsked() {
    assertEquals(new JvmVerdict.NotAsked("a class of the boot loader"),
        JvmVerifier.judge(String.class, new byte[0], new byte[0], Set.of()));
  }

  @Test
  void judge_subclassOfASealedType_notAsked() {
    assertEquals(new JvmVerdict.NotAsked("an implementation of the sealed " + Sealed.class.getName()),
        JvmVerifier.judge(Sealed.Only.class, new byte[0], new byte[0], Set.of()));
  }

  @Test
  void throwawayLoader_isCollectedOnceTheQuestionIsAnswered() throws InterruptedException {
    WeakReference<ClassLoader> loader = defineInThrowaway();
    for (int i = 0; i < 50 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(loader.get(), "the throwaway loader is still reachable");
  }

  private static WeakReference<ClassLoader> defineInThrowaway() {
    ThrowawayLoader loader = new ThrowawayLoader(Heir.class.getClassLoader());
    loader.defineAndLink(Heir.class.getName(), VerifierCopy.of(ClassBytes.of(Heir.class), Set.of("peek(L" + GUARDED + ";)I")));
    return new WeakReference<>(loader);
  }

  sealed interface Sealed {
    final class Only implements Sealed {}
  }

  private static JvmVerdict judge(Class<?> real, byte[] woven, String method) {
    return JvmVerifier.judge(real, ClassBytes.of(real), woven, Set.of(method));
  }

  /** The class with one method changed as graft weaves: frames recomputed; checked by ASM's verifier as graft does. */
  private static byte[] woven(Class<?> real, String name, String descriptor, Consumer<MethodNode> change) {
    ClassNode type = ClassBytes.node(real);
    change.accept(ClassBytes.method(type, name, descriptor));
    TypeHierarchy hierarchy = new TypeHierarchy(real.getClassLoader());
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected String getCommonSuperClass(String first, String second) {
        return hierarchy.commonSuperClass(first, second);
      }
    };
    type.accept(writer);
    byte[] woven = writer.toByteArray();
    assertSimpleVerifierAccepts(woven, name);
    return woven;
  }

  private static void assertSimpleVerifierAccepts(byte[] woven, String name) {
    ClassNode type = ClassBytes.node(woven);
    MethodNode method = ClassBytes.method(type, name, null);
    List<Type> interfaces = type.interfaces.stream().map(Type::getObjectType).toList();
    TypePoolVerifier verifier = new TypePoolVerifier(Type.getObjectType(type.name), Type.getObjectType(type.superName), interfaces, false,
        new TypeHierarchy(JvmVerifierTest.class.getClassLoader()));
    try {
      new Analyzer<>(verifier).analyze(type.name, method);
    } catch (AnalyzerException e) {
      fail("ASM's verifier refuses " + name + ", so this case does not show what only the JVM finds: " + e.getMessage());
    }
  }

  private static InsnList list(org.objectweb.asm.tree.AbstractInsnNode... instructions) {
    InsnList list = new InsnList();
    for (var instruction : instructions) {
      list.add(instruction);
    }
    return list;
  }
}
