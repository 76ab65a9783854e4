package dev.graft.weave;

import dev.graft.protocol.GraftException;
import dev.graft.protocol.PatchTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** Finds the method and splice points a {@link PatchTarget} names, or says precisely why there are none. */
public final class TargetResolver {
  private final ClassNode type;
  private final String className;

  public TargetResolver(ClassNode type) {
    this.type = type;
    this.className = type.name.replace('/', '.');
  }

  public ResolvedSite resolve(PatchTarget target) {
    return resolve(target, false);
  }

  /** {@code inlinedCopy}: the target is a copy of a Kotlin inline function's line, taken also where the stack holds values. */
  public ResolvedSite resolve(PatchTarget target, boolean inlinedCopy) {
    return resolve(target, inlinedCopy, false);
  }

  /** {@code onThrow}: an exit where the code also runs when an exception leaves; a method that always throws has one then. */
  public ResolvedSite resolve(PatchTarget target, boolean inlinedCopy, boolean onThrow) {
    if (target.methodName() != null) {
      MethodNode method = method(target.methodName(), target.parameterTypes());
      LineMap lines = new LineMap(type.name, method);
      if (target.isEntry()) {
        return new ResolvedSite(method, lines, List.of(lines.entryPoint()));
      }
      if (target.isExit()) {
        return new ResolvedSite(method, lines, lines.exitPoints(onThrow));
      }
      List<SplicePoint> points = inlinedCopy ? lines.pointsWithStackFor(target.line()) : lines.pointsFor(target.line());
      if (points.isEmpty()) {
        throw GraftException.rejected(noCodeMessage(target.line(), List.of(lines), MethodNames.display(method)));
      }
      return new ResolvedSite(method, lines, points);
    }
    List<LineMap> all = new ArrayList<>();
    List<ResolvedSite> matches = new ArrayList<>();
    for (MethodNode method : type.methods) {
      if (method.instructions.size() == 0) {
        continue;
      }
      LineMap lines = new LineMap(type.name, method);
      all.add(lines);
      List<SplicePoint> points = lines.pointsFor(target.line());
      if (!points.isEmpty()) {
        matches.add(new ResolvedSite(method, lines, points));
      }
    }
    if (matches.isEmpty()) {
      throw GraftException.rejected(noCodeMessage(target.line(), all, null));
    }
    if (matches.size() > 1) {
      throw GraftException.rejected("line " + target.line() + " of " + className + " holds code of "
          + matches.size() + " methods; pick one: " + matches.stream()
              .map(site -> className + "#" + MethodNames.display(site.method()) + ":" + target.line())
              .collect(Collectors.joining(", ")));
    }
    return matches.get(0);
  }

  /** The one method named so; overloads need parameter types. Native and abstract methods are refused. */
  public MethodNode method(String name, List<String> parameterTypes) {
    List<MethodNode> named = type.methods.stream().filter(m -> m.name.equals(name)).toList();
    if (named.isEmpty()) {
      throw GraftException.rejected("no method " + name + " in " + className + "; its methods: " + methodList());
    }
    List<MethodNode> matching = named.stream().filter(m -> MethodNames.parametersMatch(m, parameterTypes)).toList();
    if (matching.isEmpty()) {
      throw GraftException.rejected("no overload " + name + "(" + String.join(",", parameterTypes) + ") in "
          + className + "; there are: " + displays(named));
    }
    if (matching.size() > 1) {
      throw GraftException.rejected(name + " is overloaded in " + className + ": " + displays(matching)
          + "; name one with its parameter types, e.g. " + className + "#" + MethodNames.display(matching.get(0)));
    }
    MethodNode method = matching.get(0);
    if ((method.access & Opcodes.ACC_NATIVE) != 0) {
      throw GraftException.rejected(className + "#" + MethodNames.display(method) + " is native: it has no bytecode to patch");
    }
    if ((method.access & Opcodes.ACC_ABSTRACT) != 0) {
      throw GraftException.rejected(className + "#" + MethodNames.display(method)
          + " is abstract: it has no code; patch the implementation in a subclass instead");
    }
    return method;
  }

  private String noCodeMessage(int line, List<LineMap> maps, String methodDisplay) {
    String where = methodDisplay == null ? className : className + "#" + methodDisplay;
    for (LineMap map : maps) {
      if (map.onlyContinuesAnExpression(line)) {
        return "line " + line + " of " + where + " only continues an expression begun on an earlier line; "
            + "splice before the line where the statement starts";
      }
    }
    TreeSet<Integer> withCode = new TreeSet<>();
    maps.forEach(map -> withCode.addAll(map.spliceableLines().keySet()));
    if (withCode.isEmpty()) {
      return where + " has no line numbers (compiled without -g:lines?); use CLASS#METHOD:entry";
    }
    if (line > withCode.last()) {
      return "line " + line + " is past the last line with code in " + where + " (" + withCode.last() + ")";
    }
    Integer before = withCode.lower(line);
    Integer after = withCode.higher(line);
    return "line " + line + " of " + where + " has no code; nearest lines with code: "
        + (before == null ? "" : before + (after == null ? "" : ", ")) + (after == null ? "" : after);
  }

  private String methodList() {
    return displays(type.methods);
  }

  private static String displays(List<MethodNode> methods) {
    return methods.stream().map(MethodNames::display).distinct().collect(Collectors.joining(", "));
  }
}
