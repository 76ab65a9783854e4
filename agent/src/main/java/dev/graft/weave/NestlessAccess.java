package dev.graft.weave;

import dev.graft.protocol.GraftException;
import java.util.List;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Private members of other classes in a class file older than Java 11 (version 55). javac compiles a
 * snippet as a nest mate of the target's outer and inner classes, but nest mates exist only from version
 * 55 on: in an older class (Kotlin's default JVM target 1.8, many libraries) the JVM refuses such an access
 * at run time with an IllegalAccessError. Where the compiler of that class made an accessor (kotlinc's
 * {@code access$getName$p} and the like), the snippet goes through it, as the class's own code does;
 * otherwise the snippet is refused before anything changes, naming the member.
 */
final class NestlessAccess {
  static final int NEST_MATES_SINCE = Opcodes.V11;
  private final TypeHierarchy hierarchy;
  private final String target;
  private final int targetVersion;

  NestlessAccess(TypeHierarchy hierarchy, String targetInternalName, int targetVersion) {
    this.hierarchy = hierarchy;
    this.target = targetInternalName;
    this.targetVersion = targetVersion & 0xFFFF;
  }

  /** Rewrites the snippet's private accesses to other classes through their accessors, or refuses it. */
  void legalise(MethodNode snippet) {
    if (targetVersion >= NEST_MATES_SINCE) {
      return;
    }
    for (AbstractInsnNode insn : snippet.instructions.toArray()) {
      if (insn instanceof FieldInsnNode field && !field.owner.equals(target) && isPrivateField(field)) {
        snippet.instructions.set(insn, accessor(field));
      } else if (insn instanceof MethodInsnNode call && !call.owner.equals(target) && isPrivateMethod(call)) {
        snippet.instructions.set(insn, accessor(call));
      }
    }
  }

  private boolean isPrivateField(FieldInsnNode insn) {
    TypeDescription owner = hierarchy.describe(insn.owner);
    if (owner == null) {
      return false;
    }
    for (FieldDescription.InDefinedShape field : owner.getDeclaredFields()) {
      if (field.getName().equals(insn.name) && field.getDescriptor().equals(insn.desc)) {
        return field.isPrivate();
      }
    }
    return false;
  }

  private boolean isPrivateMethod(MethodInsnNode insn) {
    TypeDescription owner = hierarchy.describe(insn.owner);
    if (owner == null) {
      return false;
    }
    for (MethodDescription.InDefinedShape method : owner.getDeclaredMethods()) {
      if (method.getInternalName().equals(insn.name) && method.getDescriptor().equals(insn.desc)) {
        return method.isPrivate();
      }
    }
    return false;
  }

  /** kotlinc's accessor for a private property's backing field: {@code access$getX$p}, {@code $cp} for a companion's. */
  private MethodInsnNode accessor(FieldInsnNode field) {
    int opcode = field.getOpcode();
    boolean read = opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC;
    boolean isStatic = opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC;
    String receiver = isStatic ? "" : "L" + field.owner + ";";
    String descriptor = read ? "(" + receiver + ")" + field.desc : "(" + receiver + field.desc + ")V";
    String property = Character.toUpperCase(field.name.charAt(0)) + field.name.substring(1);
    String prefix = "access$" + (read ? "get" : "set") + property;
    for (String name : isStatic ? List.of(prefix + "$cp", prefix + "$p") : List.of(prefix + "$p")) {
      if (hasStaticMethod(field.owner, name, descriptor)) {
        return new MethodInsnNode(Opcodes.INVOKESTATIC, field.owner, name, descriptor, false);
      }
    }
    throw refused((read ? "reads" : "writes") + " the private field " + display(field.owner) + "." + field.name);
  }

  /** kotlinc's accessor for a private method: {@code access$m}, static, the receiver first. */
  private MethodInsnNode accessor(MethodInsnNode call) {
    boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
    String descriptor = isStatic ? call.desc : "(L" + call.owner + ";" + call.desc.substring(1);
    String name = "access$" + call.name;
    if (!call.name.startsWith("<") && hasStaticMethod(call.owner, name, descriptor)) {
      return new MethodInsnNode(Opcodes.INVOKESTATIC, call.owner, name, descriptor, call.itf);
    }
    String what = call.name.equals("<init>") ? "the private constructor of " + display(call.owner)
        : "the private method " + display(call.owner) + "." + call.name + "(" + String.join(", ",
            java.util.Arrays.stream(Type.getArgumentTypes(call.desc)).map(Type::getClassName).toList()) + ")";
    throw refused("calls " + what);
  }

  private boolean hasStaticMethod(String owner, String name, String descriptor) {
    TypeDescription type = hierarchy.describe(owner);
    return type != null && type.getDeclaredMethods().stream()
        .anyMatch(method -> method.isStatic() && method.getInternalName().equals(name) && method.getDescriptor().equals(descriptor));
  }

  private GraftException refused(String access) {
    return GraftException.rejected("the snippet " + access + ", but " + display(target) + " is a class file of version "
        + targetVersion + " (Java " + (targetVersion - 44) + "), older than nest mates (Java 11): the JVM would refuse that "
        + "access at run time (IllegalAccessError), and its compiler made no accessor for it. Use a non-private member instead");
  }

  private static String display(String internalName) {
    return internalName.replace('/', '.');
  }
}
