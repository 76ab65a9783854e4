package dev.graft.weave;

import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;

/**
 * Java source spellings of bytecode types, as a snippet's wrapper declares them: the generic signature
 * when it names no type variable ({@code java.util.List<java.lang.String>}), the erasure otherwise.
 */
public final class SourceTypes {
  private SourceTypes() {}

  /** The source type, or null when the type cannot be written in source (anonymous or local class). */
  public static String of(String descriptor, String signature) {
    if (signature != null) {
      String generic = fromSignature(signature);
      if (generic != null) {
        return generic;
      }
    }
    return ofType(Type.getType(descriptor));
  }

  public static String ofType(Type type) {
    if (type.getSort() == Type.ARRAY) {
      String element = ofType(type.getElementType());
      return element == null ? null : element + "[]".repeat(type.getDimensions());
    }
    if (type.getSort() != Type.OBJECT) {
      return type.getClassName();
    }
    return ofInternalName(type.getInternalName());
  }

  /** {@code com/acme/Shop$Item} becomes {@code com.acme.Shop.Item}; local and anonymous classes give null. */
  public static String ofInternalName(String internalName) {
    String dotted = internalName.replace('/', '.');
    String[] parts = dotted.split("\\$", -1);
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].isEmpty() || Character.isDigit(parts[i].charAt(0))) {
        return null;
      }
    }
    return String.join(".", parts);
  }

  private static String fromSignature(String signature) {
    SourceWriter writer = new SourceWriter();
    new SignatureReader(signature).acceptType(writer);
    return writer.usesTypeVariable || writer.unnameable ? null : writer.text.toString();
  }

  /** Builds the source text of one field/local type signature. */
  private static final class SourceWriter extends SignatureVisitor {
    private final StringBuilder text = new StringBuilder();
    private boolean usesTypeVariable;
    private boolean unnameable;
    private int arrayDimensions;
    private final java.util.ArrayDeque<Integer> pendingArrays = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Boolean> argumentSeen = new java.util.ArrayDeque<>();

    SourceWriter() {
      super(org.objectweb.asm.Opcodes.ASM9);
    }

    @Override
    public void visitBaseType(char descriptor) {
      text.append(Type.getType(String.valueOf(descriptor)).getClassName());
      closeArrays();
    }

    @Override
    public void visitTypeVariable(String name) {
      usesTypeVariable = true;
      text.append(name);
      closeArrays();
    }

    @Override
    public SignatureVisitor visitArrayType() {
      arrayDimensions++;
      return this;
    }

    @Override
    public void visitClassType(String name) {
      pendingArrays.push(arrayDimensions);
      arrayDimensions = 0;
      argumentSeen.push(false);
      String source = ofInternalName(name);
      if (source == null) {
        unnameable = true;
      }
      text.append(source);
    }

    @Override
    public void visitInnerClassType(String name) {
      closeArguments();
      argumentSeen.push(false);
      text.append('.').append(name);
    }

    @Override
    public void visitTypeArgument() {
      openArgument();
      text.append('?');
    }

    @Override
    public SignatureVisitor visitTypeArgument(char wildcard) {
      openArgument();
      if (wildcard == EXTENDS) {
        text.append("? extends ");
      } else if (wildcard == SUPER) {
        text.append("? super ");
      }
      return this;
    }

    @Override
    public void visitEnd() {
      closeArguments();
      int dims = pendingArrays.isEmpty() ? 0 : pendingArrays.pop();
      text.append("[]".repeat(dims));
    }

    private void openArgument() {
      boolean seen = argumentSeen.pop();
      text.append(seen ? ", " : "<");
      argumentSeen.push(true);
    }

    private void closeArguments() {
      if (!argumentSeen.isEmpty() && argumentSeen.pop()) {
        text.append('>');
      }
    }

    private void closeArrays() {
      text.append("[]".repeat(arrayDimensions));
      arrayDimensions = 0;
    }
  }
}
