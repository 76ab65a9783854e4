package dev.graft.compile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import java.util.Set;

/**
 * What javac is shown of the target class and its nest mates: every member public, and the targets
 * (the classes wrappers extend) neither final nor sealed, each a plain class with a no-argument
 * constructor. The snippet's wrapper can then extend a target and use its private members by their
 * plain names; the code javac produces is legal once it is spliced into the target itself, where those
 * members are its own. The other nest mates keep what they are: a record stays a record (its components
 * make record patterns compile), a sealed type keeps its permitted subclasses (a switch over it can be
 * exhaustive), final and enum classes stay so. The view is never loaded.
 */
final class AccessibleView extends ClassVisitor {
  private static final int VISIBILITY = Opcodes.ACC_PUBLIC | Opcodes.ACC_PRIVATE | Opcodes.ACC_PROTECTED;
  private final Set<String> targets;
  private final int maxClassVersion;
  private boolean isTarget;
  private boolean isInterface;
  private boolean hasNoArgConstructor;
  private String superName;

  private AccessibleView(ClassVisitor next, Set<String> targetInternalNames, int maxClassVersion) {
    super(Opcodes.ASM9, next);
    this.targets = targetInternalNames;
    this.maxClassVersion = maxClassVersion;
  }

  /**
   * The view of one class of a target's nest; {@code targets} are the classes wrappers will extend;
   * {@code maxClassVersion} is the newest javac here can read.
   */
  static byte[] of(byte[] classFile, Set<String> targetInternalNames, int maxClassVersion) {
    ClassWriter writer = new ClassWriter(0);
    new ClassReader(classFile).accept(new AccessibleView(writer, targetInternalNames, maxClassVersion), ClassReader.SKIP_CODE);
    return writer.toByteArray();
  }

  @Override
  public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
    isTarget = targets.contains(name);
    isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
    this.superName = superName;
    int major = version & 0xFFFF;
    int readable = major > maxClassVersion ? maxClassVersion : version;
    super.visit(readable, isTarget ? extendable(access) : publicAccess(access), name, signature, superName, interfaces);
  }

  @Override
  public void visitPermittedSubclass(String permittedSubclass) {
    if (!isTarget) { // a target's are dropped: the wrapper must be allowed to extend it
      super.visitPermittedSubclass(permittedSubclass);
    }
  }

  @Override
  public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
    return isTarget ? null : super.visitRecordComponent(name, descriptor, signature); // a target record is a plain class
  }

  @Override
  public void visitInnerClass(String name, String outerName, String innerName, int access) {
    // javac takes a nested class's modifiers from these entries too: they must say what the class's own header says
    int open = targets.contains(name) ? extendable(access) | Opcodes.ACC_STATIC : publicAccess(access);
    super.visitInnerClass(name, outerName, innerName, open); // static: the wrapper extends a target without an enclosing instance
  }

  @Override
  public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
    return super.visitField(publicAccess(access), name, descriptor, signature, value);
  }

  @Override
  public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
    if (name.equals("<init>") && descriptor.equals("()V")) {
      hasNoArgConstructor = true;
    }
    int open = name.equals("<clinit>") ? access : publicAccess(access) & ~Opcodes.ACC_FINAL;
    return super.visitMethod(open, name, descriptor, signature, exceptions);
  }

  @Override
  public void visitEnd() {
    if (isTarget && !isInterface && !hasNoArgConstructor) {
      MethodVisitor constructor = super.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
      constructor.visitCode();
      constructor.visitVarInsn(Opcodes.ALOAD, 0);
      constructor.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
      constructor.visitInsn(Opcodes.RETURN);
      constructor.visitMaxs(1, 1);
      constructor.visitEnd();
    }
    super.visitEnd();
  }

  /** A target's modifiers: public, and nothing that stops the wrapper from extending it. */
  private static int extendable(int access) {
    return publicAccess(access) & ~Opcodes.ACC_FINAL & ~Opcodes.ACC_ENUM & ~Opcodes.ACC_RECORD;
  }

  private static int publicAccess(int access) {
    return (access & ~VISIBILITY) | Opcodes.ACC_PUBLIC;
  }
}
