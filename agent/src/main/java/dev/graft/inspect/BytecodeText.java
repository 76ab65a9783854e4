package dev.graft.inspect;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;
import org.objectweb.asm.util.TraceMethodVisitor;

/** javap-like text of classes and methods, from ASM's Textifier. */
public final class BytecodeText {
  private static final Pattern LABEL_LINE = Pattern.compile("\\s+(L\\d+)");
  private static final Pattern LINE_NUMBER = Pattern.compile("\\s+LINENUMBER (\\d+) L\\d+");
  private static final Pattern LABEL_REFERENCE = Pattern.compile("\\bL\\d+\\b");

  private BytecodeText() {}

  public static String ofClass(byte[] classFile) {
    StringWriter text = new StringWriter();
    new ClassReader(classFile).accept(new TraceClassVisitor(new PrintWriter(text)), ClassReader.SKIP_FRAMES);
    return text.toString();
  }

  public static String ofMethod(MethodNode method) {
    Textifier textifier = new Textifier();
    TraceMethodVisitor tracer = new TraceMethodVisitor(textifier);
    method.accept(tracer);
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.println(method.name + method.desc);
    textifier.print(out);
    out.flush();
    return withStableLabels(text.toString());
  }

  /**
   * Textifier numbers labels in order of appearance, so one inserted label renumbers every later one and
   * a diff drowns in renames. Labels that start a source line are named after it ({@code L12}, {@code L12b});
   * the others are numbered apart ({@code X1, X2...}), so a diff shows what changed.
   */
  static String withStableLabels(String text) {
    List<String> lines = text.lines().toList();
    Map<String, String> names = new HashMap<>();
    Set<String> used = new HashSet<>();
    int others = 0;
    for (int i = 0; i < lines.size(); i++) {
      Matcher label = LABEL_LINE.matcher(lines.get(i));
      if (!label.matches()) {
        continue;
      }
      Matcher line = i + 1 < lines.size() ? LINE_NUMBER.matcher(lines.get(i + 1)) : null;
      String name;
      if (line != null && line.matches()) {
        name = "L" + line.group(1);
        for (char suffix = 'b'; !used.add(name); suffix++) {
          name = "L" + line.group(1) + suffix;
        }
      } else {
        name = "X" + ++others;
      }
      names.put(label.group(1), name);
    }
    StringBuilder result = new StringBuilder();
    Matcher reference = LABEL_REFERENCE.matcher(text);
    while (reference.find()) {
      reference.appendReplacement(result, names.getOrDefault(reference.group(), reference.group()));
    }
    reference.appendTail(result);
    return result.toString();
  }

  /** The text of one method of a class file, or null when the class has no such method. */
  public static String ofMethod(byte[] classFile, String name, String descriptor) {
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
    return node.methods.stream()
        .filter(m -> m.name.equals(name) && m.desc.equals(descriptor))
        .findFirst()
        .map(BytecodeText::ofMethod)
        .orElse(null);
  }
}
