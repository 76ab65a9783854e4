package dev.graft.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The imports a class's source had, as far as its class file still knows them: every type its constant
 * pool names. A snippet gets them as single-type imports, so a line pasted from the source compiles as
 * it is ({@code StringUtils.upperCase(code)}). A simple name two of those types bear is imported for
 * neither, and kept for the error message. Types of {@code java.lang} and of the class's own package need
 * no import; nested types are imported when their InnerClasses entry says they are public (or the class's
 * own), since an import of an inaccessible type would fail the whole compile.
 */
public final class SourceImports {
  /** @param ambiguous a simple name and the types that bear it, for "did you mean" errors */
  public record Imports(List<String> types, Map<String, List<String>> ambiguous) {}

  private SourceImports() {}

  public static Imports of(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassNode type = new ClassNode();
    reader.accept(type, ClassReader.SKIP_FRAMES);
    Map<String, InnerClassNode> nested = new HashMap<>();
    type.innerClasses.forEach(inner -> nested.put(inner.name, inner));
    Map<String, TreeSet<String>> bySimpleName = new TreeMap<>();
    List<String> named = namedTypes(reader);
    declaredTypes(type, named);
    named.add(type.name); // the class's own name counts: another type bearing it must not shadow it
    for (String internalName : named) {
      String source = sourceName(type, internalName, nested);
      if (source != null) {
        bySimpleName.computeIfAbsent(simpleName(source), name -> new TreeSet<>()).add(source);
      }
    }
    List<String> types = new ArrayList<>();
    Map<String, List<String>> ambiguous = new LinkedHashMap<>();
    String ownPackage = packageOf(type.name).replace('/', '.');
    bySimpleName.forEach((simple, candidates) -> {
      if (candidates.size() > 1) {
        ambiguous.put(simple, List.copyOf(candidates));
      } else if (isJavaLang(simple) && !candidates.first().equals("java.lang." + simple)) {
        ambiguous.put(simple, List.of("java.lang." + simple, candidates.first())); // an import would shadow java.lang's
      } else if (!isImplicit(candidates.first(), ownPackage)) {
        types.add(candidates.first());
      }
    });
    return new Imports(types, ambiguous);
  }

  /** Visible without an import: a top-level type of java.lang or of the class's own package. */
  private static boolean isImplicit(String source, String ownPackage) {
    int dot = source.lastIndexOf('.');
    String qualifier = dot < 0 ? "" : source.substring(0, dot);
    return qualifier.equals("java.lang") || qualifier.equals(ownPackage);
  }

  private static boolean isJavaLang(String simpleName) {
    try {
      Class.forName("java.lang." + simpleName, false, null);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static String simpleName(String source) {
    return source.substring(source.lastIndexOf('.') + 1);
  }

  /** Every class the constant pool names: Class entries, and the types in member and method descriptors. */
  private static List<String> namedTypes(ClassReader reader) {
    List<String> names = new ArrayList<>();
    char[] buffer = new char[reader.getMaxStringLength()];
    for (int item = 1; item < reader.getItemCount(); item++) {
      int offset = reader.getItem(item);
      if (offset == 0) {
        continue; // the second slot of a long or double
      }
      int tag = reader.readByte(offset - 1);
      if (tag == 7) { // CONSTANT_Class
        String name = reader.readUTF8(offset, buffer);
        names.add(name.startsWith("[") ? elementOf(Type.getType(name)) : name);
      } else if (tag == 12) { // CONSTANT_NameAndType: the descriptor names types too
        String descriptor = reader.readUTF8(offset + 2, buffer);
        addTypesOf(descriptor, names);
      }
    }
    names.removeIf(name -> name == null);
    return names;
  }

  /** The types the source wrote in declarations: of fields, parameters, results, exceptions and locals. */
  private static void declaredTypes(ClassNode type, List<String> names) {
    type.fields.forEach(field -> addTypesOf(field.desc, names));
    for (MethodNode method : type.methods) {
      addTypesOf(method.desc, names);
      names.addAll(method.exceptions);
      if (method.localVariables != null) {
        method.localVariables.forEach(local -> addTypesOf(local.desc, names));
      }
    }
    names.removeIf(name -> name == null);
  }

  private static void addTypesOf(String descriptor, List<String> names) {
    if (descriptor.startsWith("(")) {
      Type method = Type.getMethodType(descriptor);
      for (Type argument : method.getArgumentTypes()) {
        names.add(elementOf(argument));
      }
      names.add(elementOf(method.getReturnType()));
    } else {
      names.add(elementOf(Type.getType(descriptor)));
    }
  }

  private static String elementOf(Type type) {
    Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
    return element.getSort() == Type.OBJECT ? element.getInternalName() : null;
  }

  /** The type's name in source, or null when the snippet cannot name it (anonymous, local, inaccessible). */
  private static String sourceName(ClassNode owner, String internalName, Map<String, InnerClassNode> nested) {
    String packageOf = packageOf(owner.name);
    InnerClassNode inner = nested.get(internalName);
    if (inner == null) {
      // a top-level type; a '$' name without an InnerClasses entry is generated, not one the source wrote
      return internalName.contains("$") ? null : internalName.replace('/', '.');
    }
    if (inner.innerName == null || inner.outerName == null) {
      return null; // anonymous or local: no source name
    }
    boolean own = inner.outerName.equals(owner.name) || internalName.startsWith(owner.name + "$");
    boolean samePackage = packageOf(internalName).equals(packageOf);
    boolean visible = own || (inner.access & Opcodes.ACC_PUBLIC) != 0 || samePackage && (inner.access & Opcodes.ACC_PRIVATE) == 0;
    if (!visible) {
      return null;
    }
    String outer = importableOuter(owner, inner.outerName, nested);
    return outer == null ? null : outer + "." + inner.innerName;
  }

  /** The source name of a nested type's outer type, walking out through the InnerClasses entries. */
  private static String importableOuter(ClassNode owner, String outerName, Map<String, InnerClassNode> nested) {
    InnerClassNode outer = nested.get(outerName);
    if (outer == null) {
      return outerName.replace('/', '.');
    }
    if (outer.outerName == null || outer.innerName == null) {
      return null;
    }
    String further = importableOuter(owner, outer.outerName, nested);
    return further == null ? null : further + "." + outer.innerName;
  }

  private static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash < 0 ? "" : internalName.substring(0, slash);
  }
}
