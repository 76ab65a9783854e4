package dev.graft.weave;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Puts back what the JVM left out when it reconstituted a class for retransformation. JDK 17 drops
 * {@code MethodParameters} (JDK-8240908, fixed in 19): handed back as they are, the bytes would take the
 * parameter names from reflection for as long as the JVM runs, and every framework that binds by name
 * (Spring MVC's {@code @RequestParam}) breaks. The class's own class file, as its loader serves it, has
 * them: every attribute reflection reads that the JVM's copy lacks, and the class file has for the same
 * member, is copied over. What the JVM's copy has is never changed. JDK 17 and 25 also drop the
 * {@code Deprecated} attribute (found by {@code AttributeCensus}, an integration test).
 */
public final class AttributeRestorer {
  private AttributeRestorer() {}

  /**
   * The JVM's copy with the missing attributes of {@code definition} put back; {@code reconstituted} itself
   * (the same array) when nothing is missing, so a caller can tell that nothing was restored.
   */
  public static byte[] restore(byte[] reconstituted, byte[] definition) {
    ClassNode jvm = read(reconstituted);
    if (fillIn(jvm, read(definition)).isEmpty()) {
      return reconstituted;
    }
    ClassWriter writer = new ClassWriter(0); // code, frames and maxima stay as the JVM gave them
    jvm.accept(writer);
    return writer.toByteArray();
  }

  /** What {@link #restore} puts back, for the log and the tests: {@code quote(ILjava/lang/String;)I MethodParameters}. */
  public static List<String> missing(byte[] reconstituted, byte[] definition) {
    return fillIn(read(reconstituted), read(definition));
  }

  /** Copies into {@code jvm} what {@code file} has and it lacks, member by member; returns what was copied. */
  private static List<String> fillIn(ClassNode jvm, ClassNode file) {
    List<String> restored = new ArrayList<>();
    if (!jvm.name.equals(file.name)) {
      return restored;
    }
    restoreClass(jvm, file, restored);
    Map<String, MethodNode> fileMethods = new HashMap<>();
    file.methods.forEach(method -> fileMethods.put(method.name + method.desc, method));
    for (MethodNode method : jvm.methods) {
      MethodNode original = fileMethods.get(method.name + method.desc);
      if (original != null) {
        restoreMethod(method, original, restored);
      }
    }
    Map<String, FieldNode> fileFields = new HashMap<>();
    file.fields.forEach(field -> fileFields.put(field.name + field.desc, field));
    for (FieldNode field : jvm.fields) {
      FieldNode original = fileFields.get(field.name + field.desc);
      if (original != null) {
        restoreField(field, original, restored);
      }
    }
    restoreOrder(jvm, file, restored);
    return restored;
  }

  /**
   * HotSpot hands methods back sorted its own way; in the class file's order, the class reads (in {@code
   * show --bytecode}, in a diff, in a hash of its text) as it was defined.
   */
  private static void restoreOrder(ClassNode jvm, ClassNode file, List<String> restored) {
    List<MethodNode> methods = inFileOrder(jvm.methods, file.methods.stream().map(method -> method.name + method.desc).toList(),
        method -> method.name + method.desc);
    if (!methods.equals(jvm.methods)) {
      jvm.methods = methods;
      restored.add("class method order");
    }
    List<FieldNode> fields = inFileOrder(jvm.fields, file.fields.stream().map(field -> field.name + field.desc).toList(),
        field -> field.name + field.desc);
    if (!fields.equals(jvm.fields)) {
      jvm.fields = fields;
      restored.add("class field order");
    }
  }

  /** The members in the class file's order; those it does not have go last. */
  private static <T> List<T> inFileOrder(List<T> members, List<String> fileOrder, java.util.function.Function<T, String> key) {
    List<T> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparingInt(member -> {
      int index = fileOrder.indexOf(key.apply(member));
      return index < 0 ? Integer.MAX_VALUE : index;
    }));
    return sorted;
  }

  private static void restoreClass(ClassNode jvm, ClassNode file, List<String> restored) {
    String where = "class ";
    jvm.access = deprecation(jvm.access, file.access, where, restored);
    jvm.signature = fill(jvm.signature, file.signature, where + "Signature", restored);
    jvm.sourceFile = fill(jvm.sourceFile, file.sourceFile, where + "SourceFile", restored);
    jvm.sourceDebug = fill(jvm.sourceDebug, file.sourceDebug, where + "SourceDebugExtension", restored);
    jvm.nestHostClass = fill(jvm.nestHostClass, file.nestHostClass, where + "NestHost", restored);
    jvm.nestMembers = fill(jvm.nestMembers, file.nestMembers, where + "NestMembers", restored);
    jvm.permittedSubclasses = fill(jvm.permittedSubclasses, file.permittedSubclasses, where + "PermittedSubclasses", restored);
    jvm.recordComponents = fill(jvm.recordComponents, file.recordComponents, where + "Record", restored);
    jvm.innerClasses = fill(jvm.innerClasses, file.innerClasses, where + "InnerClasses", restored);
    jvm.visibleAnnotations = fill(jvm.visibleAnnotations, file.visibleAnnotations, where + "RuntimeVisibleAnnotations", restored);
    jvm.invisibleAnnotations = fill(jvm.invisibleAnnotations, file.invisibleAnnotations, where + "RuntimeInvisibleAnnotations", restored);
    jvm.visibleTypeAnnotations = fill(jvm.visibleTypeAnnotations, file.visibleTypeAnnotations, where + "RuntimeVisibleTypeAnnotations", restored);
    if (jvm.outerMethod == null && file.outerMethod != null && file.outerClass != null) {
      jvm.outerClass = file.outerClass;
      jvm.outerMethod = file.outerMethod;
      jvm.outerMethodDesc = file.outerMethodDesc;
      restored.add(where + "EnclosingMethod");
    }
  }

  private static void restoreMethod(MethodNode jvm, MethodNode file, List<String> restored) {
    String where = jvm.name + jvm.desc + " ";
    jvm.access = deprecation(jvm.access, file.access, where, restored);
    jvm.parameters = fill(jvm.parameters, file.parameters, where + "MethodParameters", restored);
    jvm.signature = fill(jvm.signature, file.signature, where + "Signature", restored);
    jvm.exceptions = fill(jvm.exceptions, file.exceptions, where + "Exceptions", restored);
    jvm.annotationDefault = fill(jvm.annotationDefault, file.annotationDefault, where + "AnnotationDefault", restored);
    jvm.visibleAnnotations = fill(jvm.visibleAnnotations, file.visibleAnnotations, where + "RuntimeVisibleAnnotations", restored);
    jvm.invisibleAnnotations = fill(jvm.invisibleAnnotations, file.invisibleAnnotations, where + "RuntimeInvisibleAnnotations", restored);
    jvm.visibleTypeAnnotations = fill(jvm.visibleTypeAnnotations, file.visibleTypeAnnotations, where + "RuntimeVisibleTypeAnnotations", restored);
    if (jvm.visibleParameterAnnotations == null && file.visibleParameterAnnotations != null) {
      jvm.visibleParameterAnnotations = file.visibleParameterAnnotations;
      jvm.visibleAnnotableParameterCount = file.visibleAnnotableParameterCount;
      restored.add(where + "RuntimeVisibleParameterAnnotations");
    }
    if (jvm.invisibleParameterAnnotations == null && file.invisibleParameterAnnotations != null) {
      jvm.invisibleParameterAnnotations = file.invisibleParameterAnnotations;
      jvm.invisibleAnnotableParameterCount = file.invisibleAnnotableParameterCount;
      restored.add(where + "RuntimeInvisibleParameterAnnotations");
    }
  }

  private static void restoreField(FieldNode jvm, FieldNode file, List<String> restored) {
    String where = "field " + jvm.name + " ";
    jvm.access = deprecation(jvm.access, file.access, where, restored);
    jvm.signature = fill(jvm.signature, file.signature, where + "Signature", restored);
    jvm.visibleAnnotations = fill(jvm.visibleAnnotations, file.visibleAnnotations, where + "RuntimeVisibleAnnotations", restored);
    jvm.visibleTypeAnnotations = fill(jvm.visibleTypeAnnotations, file.visibleTypeAnnotations, where + "RuntimeVisibleTypeAnnotations", restored);
  }

  /** JDK 17 and 25 both drop the {@code Deprecated} attribute (javac reads it); ASM carries it as an access flag. */
  private static int deprecation(int jvm, int file, String where, List<String> restored) {
    if ((file & Opcodes.ACC_DEPRECATED) != 0 && (jvm & Opcodes.ACC_DEPRECATED) == 0) {
      restored.add(where + "Deprecated");
      return jvm | Opcodes.ACC_DEPRECATED;
    }
    return jvm;
  }

  private static <T> T fill(T jvm, T file, String attribute, List<String> restored) {
    boolean jvmHasIt = jvm != null && !(jvm instanceof List<?> list && list.isEmpty());
    boolean fileHasIt = file != null && !(file instanceof List<?> list && list.isEmpty());
    if (jvmHasIt || !fileHasIt) {
      return jvm;
    }
    restored.add(attribute);
    return file;
  }

  private static ClassNode read(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    return node;
  }
}
