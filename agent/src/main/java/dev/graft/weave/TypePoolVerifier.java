package dev.graft.weave;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/** ASM's bytecode verifier, answering type questions from the target's class files instead of loading classes. */
final class TypePoolVerifier extends SimpleVerifier {
  private static final Type OBJECT = Type.getObjectType("java/lang/Object");
  private final TypeHierarchy hierarchy;

  TypePoolVerifier(Type owner, Type superType, List<Type> interfaces, boolean isInterface, TypeHierarchy hierarchy) {
    super(Opcodes.ASM9, owner, superType, interfaces, isInterface);
    this.hierarchy = hierarchy;
  }

  @Override
  protected boolean isInterface(Type type) {
    return type.getSort() == Type.OBJECT && hierarchy.isInterface(type.getInternalName());
  }

  @Override
  protected Type getSuperClass(Type type) {
    if (type.getSort() == Type.ARRAY) {
      return OBJECT;
    }
    String parent = hierarchy.superName(type.getInternalName());
    return parent == null ? null : Type.getObjectType(parent);
  }

  @Override
  protected boolean isAssignableFrom(Type target, Type value) {
    if (target.equals(value) || target.equals(OBJECT)) {
      return true;
    }
    if (target.getSort() == Type.ARRAY) {
      if (value.getSort() != Type.ARRAY || value.getDimensions() < target.getDimensions()) {
        return false;
      }
      Type targetElement = Type.getType(target.getDescriptor().substring(1));
      Type valueElement = Type.getType(value.getDescriptor().substring(1));
      if (targetElement.getSort() != Type.OBJECT && targetElement.getSort() != Type.ARRAY) {
        return targetElement.equals(valueElement);
      }
      return valueElement.getSort() >= Type.ARRAY && isAssignableFrom(targetElement, valueElement);
    }
    if (value.getSort() == Type.ARRAY) {
      String name = target.getInternalName();
      return name.equals("java/lang/Cloneable") || name.equals("java/io/Serializable");
    }
    if (target.getSort() != Type.OBJECT || value.getSort() != Type.OBJECT) {
      return false;
    }
    return hierarchy.isAssignable(target.getInternalName(), value.getInternalName());
  }
}
