package dev.graft.weave;

import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.signature.SignatureVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Kotlin's locals as a snippet sees them. kotlinc names a lambda's captures {@code $x}, the locals of an
 * inlined function {@code x$iv}, and leaves marker locals ({@code $i$f$name}, {@code $i$a$-let-...}) that
 * are no names at all; a captured {@code var} is a {@code kotlin.jvm.internal.Ref.IntRef} (and so on) whose
 * {@code element} is the value. The user writes the names and values of the Kotlin source.
 */
public final class KotlinLocals {
  static final String REF_PREFIX = "kotlin/jvm/internal/Ref$";
  public static final String ELEMENT = "element";
  private static final String MARKER_PREFIX = "$i$";
  private static final String INLINED_SUFFIX = "$iv";
  private static final Map<String, String> PRIMITIVE_REFS = Map.of(
      "IntRef", "I", "LongRef", "J", "ShortRef", "S", "ByteRef", "B", "CharRef", "C", "FloatRef", "F",
      "DoubleRef", "D", "BooleanRef", "Z");
  private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
      "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
      "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
      "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
      "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
      "null", "_", "self");

  private KotlinLocals() {}

  /** Whether a snippet can use the name as written: a Java identifier, not a keyword (nor graft's {@code self}). */
  public static boolean isJavaName(String name) {
    if (name == null || name.isEmpty() || KEYWORDS.contains(name) || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    return name.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
  }

  /** kotlinc's markers of inlined code: in scope, but no variable of the source. */
  static boolean isMarker(String name) {
    return name.startsWith(MARKER_PREFIX);
  }

  /**
   * The name the Kotlin source gives a local: a lambda's capture {@code $x} is {@code x}; null when the name
   * is no name a snippet can use.
   */
  static String sourceName(String raw) {
    if (isMarker(raw)) {
      return null;
    }
    if (raw.startsWith("$") && isJavaName(raw.substring(1))) {
      return raw.substring(1);
    }
    return isJavaName(raw) ? raw : null;
  }

  /** {@code x$iv} (a local of an inlined function) is {@code x} in that function's source; null for other names. */
  static String inlinedName(String name) {
    return name.endsWith(INLINED_SUFFIX) && isJavaName(name.substring(0, name.length() - INLINED_SUFFIX.length()))
        ? name.substring(0, name.length() - INLINED_SUFFIX.length()) : null;
  }

  /** The Ref class (internal name) a descriptor names, or null for any other type. */
  static String holderOf(String descriptor) {
    if (!descriptor.startsWith("L" + REF_PREFIX)) {
      return null;
    }
    String holder = descriptor.substring(1, descriptor.length() - 1);
    String simple = holder.substring(REF_PREFIX.length());
    return PRIMITIVE_REFS.containsKey(simple) || simple.equals("ObjectRef") ? holder : null;
  }

  /** The descriptor of {@code element} in the holder's class ({@code Object} for ObjectRef, erased). */
  public static String elementField(String holder) {
    return PRIMITIVE_REFS.getOrDefault(holder.substring(REF_PREFIX.length()), "Ljava/lang/Object;");
  }

  /** The element's type as the source declares it: for ObjectRef, its type argument from the local's signature. */
  static String elementDescriptor(String holder, String signature) {
    String primitive = PRIMITIVE_REFS.get(holder.substring(REF_PREFIX.length()));
    if (primitive != null) {
      return primitive;
    }
    String argument = signature == null ? null : typeArgument(signature);
    return argument == null ? "Ljava/lang/Object;" : argument;
  }

  /** The erased descriptor of the first type argument of a class type signature, e.g. {@code Ref$ObjectRef<String>}. */
  private static String typeArgument(String signature) {
    String[] found = new String[1];
    new SignatureReader(signature).acceptType(new SignatureVisitor(Opcodes.ASM9) {
      private int depth;

      @Override
      public SignatureVisitor visitTypeArgument(char wildcard) {
        depth++;
        return new SignatureVisitor(Opcodes.ASM9) {
          private int arrays;

          @Override
          public SignatureVisitor visitArrayType() {
            arrays++;
            return this;
          }

          @Override
          public void visitClassType(String name) {
            if (found[0] == null && depth == 1) {
              found[0] = "[".repeat(arrays) + "L" + name + ";";
            }
          }

          @Override
          public void visitTypeVariable(String name) {
            if (found[0] == null) {
              found[0] = "[".repeat(arrays) + "Ljava/lang/Object;";
            }
          }

          @Override
          public void visitBaseType(char descriptor) {
            if (found[0] == null) {
              found[0] = "[".repeat(arrays) + descriptor;
            }
          }
        };
      }
    });
    return found[0] == null ? null : Type.getType(found[0]).getDescriptor();
  }
}
