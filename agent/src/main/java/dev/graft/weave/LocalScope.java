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
    return at(method, instructionIndex, false);
  }

  /**
   * In a copy of an inline function ({@code inlinedCopy}), a snippet written for the function sees the
   * function's locals: the copy's {@code x$iv} (the most deeply inlined, where copies nest) is {@code x},
   * whatever the caller has of that name.
   */
  public static List<ScopedLocal> at(MethodNode method, int instructionIndex, boolean inlinedCopy) {
    if (inlinedCopy) {
      return inFunctionCopy(method, instructionIndex);
    }
    if (!hasTable(method)) {
      return parameters(method);
    }
    Map<String, ScopedLocal> byName = new LinkedHashMap<>();
    List<ScopedLocal> inlined = new ArrayList<>();
    for (LocalVariableNode local : inScope(method, instructionIndex)) {
      ScopedLocal offered = offered(local.name, local.desc, local.signature, local.index);
      if (offered == null) {
        continue;
      }
      if (KotlinLocals.inlinedName(offered.name()) != null) {
        inlined.add(offered);
      } else {
        byName.put(offered.name(), offered);
      }
    }
    // an inlined function's x$iv is x where the caller has no x of its own
    for (ScopedLocal local : inlined) {
      String plain = KotlinLocals.inlinedName(local.name());
      byName.putIfAbsent(byName.containsKey(plain) ? local.name() : plain, withName(local, byName.containsKey(plain) ? local.name() : plain));
    }
    return new ArrayList<>(byName.values());
  }

  private static List<ScopedLocal> inFunctionCopy(MethodNode method, int instructionIndex) {
    Map<String, ScopedLocal> byName = new LinkedHashMap<>();
    Map<String, Integer> depths = new java.util.HashMap<>();
    for (ScopedLocal local : at(method, instructionIndex, false)) {
      String plain = local.name();
      int depth = 0;
      for (String inner = KotlinLocals.inlinedName(plain); inner != null; inner = KotlinLocals.inlinedName(plain)) {
        plain = inner;
        depth++;
      }
      if (depth > depths.getOrDefault(plain, -1)) {
        depths.put(plain, depth);
        byName.put(plain, withName(local, plain));
      }
    }
    return new ArrayList<>(byName.values());
  }

  /** The names in scope at the point that no snippet can use: kotlinc's markers and names that are not Java's. */
  public static List<String> unusableAt(MethodNode method, int instructionIndex) {
    if (!hasTable(method)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (LocalVariableNode local : inScope(method, instructionIndex)) {
      if (KotlinLocals.sourceName(local.name) == null && !local.name.equals("this") && !names.contains(local.name)) {
        names.add(local.name);
      }
    }
    return names;
  }

  private static List<LocalVariableNode> inScope(MethodNode method, int instructionIndex) {
    List<LocalVariableNode> result = new ArrayList<>();
    for (LocalVariableNode local : method.localVariables) {
      int start = method.instructions.indexOf(local.start);
      int end = method.instructions.indexOf(local.end);
      if (start <= instructionIndex && instructionIndex < end && !"this".equals(local.name)) {
        result.add(local);
      }
    }
    return result;
  }

  /** A local as a snippet sees it, under its source name; a Kotlin Ref as its element; null if it has no usable name. */
  private static ScopedLocal offered(String rawName, String descriptor, String signature, int slot) {
    String name = KotlinLocals.sourceName(rawName);
    if (name == null) {
      return null;
    }
    String holder = KotlinLocals.holderOf(descriptor);
    if (holder != null) {
      String element = KotlinLocals.elementDescriptor(holder, signature);
      return new ScopedLocal(name, element, SourceTypes.ofType(Type.getType(element)), slot, holder);
    }
    return new ScopedLocal(name, descriptor, SourceTypes.of(descriptor, signature), slot);
  }

  private static ScopedLocal withName(ScopedLocal local, String name) {
    return new ScopedLocal(name, local.descriptor(), local.sourceType(), local.slot(), local.holder());
  }

  /**
   * The locals in scope at every one of the points, with the same name and type everywhere (their slots
   * may differ from point to point; the weaver maps each copy of the snippet on its own).
   */
  public static List<ScopedLocal> common(MethodNode method, List<SplicePoint> points) {
    return common(method, points, false);
  }

  public static List<ScopedLocal> common(MethodNode method, List<SplicePoint> points, boolean inlinedCopy) {
    List<ScopedLocal> result = null;
    for (SplicePoint point : points) {
      List<ScopedLocal> here = at(method, point.firstInstruction(), inlinedCopy);
      if (result == null) {
        result = new ArrayList<>(here);
      } else {
        result.removeIf(local -> here.stream().noneMatch(other -> sameVariable(local, other)));
      }
    }
    return result == null ? List.of() : result;
  }

  private static boolean sameVariable(ScopedLocal a, ScopedLocal b) {
    return a.name().equals(b.name()) && a.descriptor().equals(b.descriptor()) && java.util.Objects.equals(a.holder(), b.holder());
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
      ScopedLocal offered = named == null ? null : offered(named.name, named.desc, named.signature, parameter.slot());
      result.add(offered != null ? offered : named == null ? parameter
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

  /** The local named {@code name} at one point, for the weaver: its slot, and its Ref holder if it has one. */
  public static ScopedLocal named(MethodNode method, SplicePoint point, String name, boolean inlinedCopy) {
    return at(method, point.firstInstruction(), inlinedCopy).stream()
        .filter(local -> Objects.equals(local.name(), name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("local " + name + " is not in scope at instruction " + point.firstInstruction()));
  }
}
