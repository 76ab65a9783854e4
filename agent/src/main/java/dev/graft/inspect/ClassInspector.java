package dev.graft.inspect;

import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.LineScope;
import dev.graft.protocol.Messages.LocalVar;
import dev.graft.protocol.Messages.MethodInfo;
import dev.graft.weave.LineMap;
import dev.graft.weave.LocalScope;
import dev.graft.weave.MethodNames;
import dev.graft.weave.ScopedLocal;
import dev.graft.weave.SourceMap;
import dev.graft.weave.SplicePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** What {@code graft show} reports of a class: its methods, their lines, and the locals in scope per line. */
public final class ClassInspector {
  private final ClassNode type;

  private final SourceMap sourceMap;

  public ClassInspector(byte[] classFile) {
    this.type = new ClassNode();
    new ClassReader(classFile).accept(type, ClassReader.SKIP_FRAMES);
    this.sourceMap = SourceMap.parse(type.sourceDebug);
  }

  public ClassNode type() {
    return type;
  }

  /** Every method with its line range; with {@code methodFilter} (a name), that method's lines and locals too. */
  public List<MethodInfo> methods(String methodFilter) {
    List<MethodInfo> result = new ArrayList<>();
    boolean any = false;
    for (MethodNode method : type.methods) {
      boolean selected = methodFilter != null && (methodFilter.equals(method.name) || methodFilter.equals(MethodNames.display(method)));
      any |= selected;
      if (methodFilter == null || selected) {
        result.add(describe(method, selected));
      }
    }
    if (methodFilter != null && !any) {
      throw GraftException.rejected("no method " + methodFilter + " in " + type.name.replace('/', '.') + "; its methods: "
          + String.join(", ", type.methods.stream().map(MethodNames::display).distinct().toList()));
    }
    return result;
  }

  private MethodInfo describe(MethodNode method, boolean withScopes) {
    boolean hasCode = method.instructions.size() > 0;
    if (!hasCode) {
      return new MethodInfo(method.name, method.desc, MethodNames.display(method), 0, 0, false, false, List.of());
    }
    LineMap lines = new LineMap(type.name, method);
    List<LineScope> scopes = new ArrayList<>();
    if (withScopes) {
      for (Map.Entry<Integer, List<SplicePoint>> line : lines.spliceableLines().entrySet()) {
        List<LocalVar> locals = LocalScope.common(method, line.getValue()).stream().map(ClassInspector::toVar).toList();
        List<String> unusable = LocalScope.unusableAt(method, line.getValue().get(0).firstInstruction());
        scopes.add(new LineScope(line.getKey(), locals, inlinedFrom(line.getKey()), unusable));
      }
    }
    int first = lines.hasLines() ? lines.firstLine() : 0;
    int last = lines.hasLines() ? lines.lastLine() : 0;
    return new MethodInfo(method.name, method.desc, MethodNames.display(method), first, last, true,
        LocalScope.hasTable(method), scopes);
  }

  /** Where an SMAP maps a line that is not the class's own (a line past its file's end: inlined code). */
  private String inlinedFrom(int line) {
    SourceMap.Origin origin = sourceMap == null ? null : sourceMap.origin(line);
    if (origin == null || (origin.line() == line && origin.fileName().equals(type.sourceFile))) {
      return null;
    }
    return origin.toString();
  }

  private static LocalVar toVar(ScopedLocal local) {
    String type = local.sourceType() != null ? local.sourceType() : org.objectweb.asm.Type.getType(local.descriptor()).getClassName();
    if (local.isHeld()) {
      type += " (captured var, in a " + local.holder().substring(local.holder().lastIndexOf('/') + 1).replace('$', '.') + ")";
    }
    return new LocalVar(local.name(), type);
  }
}
