package dev.graft.weave;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.ParameterNode;

/**
 * The locals and parameters a snippet can use at a splice point. With a LocalVariableTable: every entry
 * whose range covers the point. Without one (classes built without -g): only the parameters, named by the
 * MethodParameters attribute or {@code arg0..argN}.
 */
public final class LocalScope {
  private LocalScope() {}

  public static boolean hasTable(MethodNode method) {
    return method.localVariables != null && !method.localVariables.isEmpty();
  }

  public static List<ScopedLocal> at(MethodNode method, int instructionIndex) {
    if (!hasTable(method)) {
      return parameters(method);
    }
    Map<String, ScopedLocal> byName = new LinkedHashMap<>();
    for (LocalVariableNode local : method.localVariables) {
      int start = method.instructions.indexOf(local.start);
      int end = method.instructions.indexOf(local.end);
      if (start <= instructionIndex && instructionIndex < end && !"this".equals(local.name)) {
        byName.put(local.name, new ScopedLocal(local.name, local.desc, SourceTypes.of(local.desc, local.signature), local.index));
      }
    }
    return new ArrayList<>(byName.values());
  }

  /**
   * The locals in scope at every one of the points, with the same name and type everywhere (their slots
   * may differ from point to point; the weaver maps each copy of the snippet on its own).
   */
  public static List<ScopedLocal> common(MethodNode method, List<SplicePoint> points) {
    List<ScopedLocal> result = null;
    for (SplicePoint point : points) {
      List<ScopedLocal> here = at(method, point.firstInstruction());
      if (result == null) {
        result = new ArrayList<>(here);
      } else {
        result.removeIf(local -> here.stream().noneMatch(other -> sameVariable(local, other)));
      }
    }
    return result == null ? List.of() : result;
  }

  private static boolean sameVariable(ScopedLocal a, ScopedLocal b) {
    return a.name().equals(b.name()) && a.descriptor().equals(b.descriptor());
  }

  /** The method's parameters, named by the LocalVariableTable where it has them, typed by their declarations. */
  public static List<ScopedLocal> parametersOf(MethodNode method) {
    List<ScopedLocal> result = new ArrayList<>();
    for (ScopedLocal parameter : parameters(method)) {
      LocalVariableNode named = null;
      if (hasTable(method)) {
        for (LocalVariableNode local : method.localVariables) {
          if (local.index == parameter.slot() && local.desc.equals(parameter.descriptor())
              && (named == null || method.instructions.indexOf(local.start) < method.instructions.indexOf(named.start))) {
            named = local;
          }
        }
      }
      result.add(named == null ? parameter
          : new ScopedLocal(named.name, named.desc, SourceTypes.of(named.desc, named.signature), parameter.slot()));
    }
    return result;
  }

  static List<ScopedLocal> parameters(MethodNode method) {
    List<ScopedLocal> result = new ArrayList<>();
    int slot = (method.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
    Type[] types = Type.getArgumentTypes(method.desc);
    for (int i = 0; i < types.length; i++) {
      String name = parameterName(method, i);
      result.add(new ScopedLocal(name, types[i].getDescriptor(), SourceTypes.ofType(types[i]), slot));
      slot += types[i].getSize();
    }
    return result;
  }

  private static String parameterName(MethodNode method, int index) {
    List<ParameterNode> names = method.parameters;
    if (names != null && index < names.size() && names.get(index).name != null) {
      return names.get(index).name;
    }
    return "arg" + index;
  }

  /** The slot of {@code name} at one point, for the weaver. */
  public static int slotOf(MethodNode method, SplicePoint point, String name) {
    return at(method, point.firstInstruction()).stream()
        .filter(local -> Objects.equals(local.name(), name))
        .mapToInt(ScopedLocal::slot)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("local " + name + " is not in scope at instruction " + point.firstInstruction()));
  }
}
