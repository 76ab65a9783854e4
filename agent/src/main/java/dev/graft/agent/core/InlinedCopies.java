package dev.graft.agent.core;

import dev.graft.patch.Patch;
import dev.graft.protocol.Messages.InjectArgs;
import dev.graft.protocol.PatchTarget;
import dev.graft.weave.LineMap;
import dev.graft.weave.MethodNames;
import dev.graft.weave.SourceMap;
import dev.graft.weave.SpliceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A line of a Kotlin inline function runs in every caller, where kotlinc copied the function's body (at
 * line numbers past the end of the caller's file, mapped back by the caller's SMAP), and almost never in
 * the function itself. A patch of such a line is also spliced into each copy in the loaded classes of the
 * function's loader: one more patch per method holding copies, reverted with the function's patch.
 */
final class InlinedCopies {
  /** kotlinc marks an inline function's own body with a local {@code $i$f$name}. */
  private static final String INLINE_FUNCTION_MARKER = "$i$f$";

  /** The copies found, and what to tell the user of those left out. */
  record Found(List<PatchBatch.Prepared> copies, List<String> notes) {}

  private final AgentContext context;

  InlinedCopies(AgentContext context) {
    this.context = context;
  }

  Found of(PatchBatch.Prepared function, InjectArgs args, java.util.function.Supplier<String> newId) {
    TargetClass owner = function.type();
    SpliceSpec spec = (SpliceSpec) function.patch().spec();
    PatchTarget target = spec.target();
    ClassNode type = node(owner.original());
    MethodNode method = methodAt(type, target);
    if (method == null || target.line() <= 0 || !isInlineFunction(method) || !owner.isLoaded() || type.sourceFile == null) {
      return new Found(List.of(), List.of());
    }
    if ((method.access & Opcodes.ACC_STATIC) == 0) {
      return new Found(List.of(), List.of(MethodNames.display(method) + " is an inline member function: only its own body is "
          + "patched, not the copies kotlinc inlined into callers (graft patches copies of top-level and @JvmStatic inline functions)"));
    }
    String packageName = type.name.contains("/") ? type.name.substring(0, type.name.lastIndexOf('/')) : "";
    byte[] wrapper = Base64.getDecoder().decode(args.wrapperBase64());
    List<PatchBatch.Prepared> copies = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int count = 0;
    for (Class<?> candidate : context.classes().definedBy(owner.loaded().getClassLoader())) {
      ClassNode caller = callerOrNull(candidate);
      SourceMap map = caller == null ? null : SourceMap.parse(caller.sourceDebug);
      if (map == null) {
        continue;
      }
      List<Integer> lines = map.copiesOf(packageName, type.sourceFile, target.line());
      for (MethodNode callerMethod : caller.methods) {
        if (callerMethod.instructions.size() == 0 || (callerMethod.name.equals(method.name) && caller.name.equals(type.name))) {
          continue;
        }
        LineMap lineMap = new LineMap(caller.name, callerMethod);
        for (int line : lines) {
          int points = lineMap.pointsWithStackFor(line).size();
          if (points == 0) {
            continue;
          }
          PatchTarget at = new PatchTarget(candidate.getName(), callerMethod.name,
              Arrays.stream(Type.getArgumentTypes(callerMethod.desc)).map(Type::getClassName).toList(), line);
          String id = newId.get();
          TargetClass copyClass = new TargetClass(candidate.getName(), candidate.getClassLoader(),
              context.loaderIds().idOf(candidate.getClassLoader()), candidate, context.classFiles().originalForPatching(candidate));
          SpliceSpec copySpec = new SpliceSpec(id, at, wrapper, spec.localNames(), spec.propagate(),
              new SpliceSpec.InlinedCopy(function.patch().id(), type.name), spec.hitsKey(), false); // the copies share the function's runs
          String shown = candidate.getName() + "#" + MethodNames.display(callerMethod) + ":" + line;
          copies.add(new PatchBatch.Prepared(copyClass, new Patch(id, Patch.KIND_INJECT, shown + " (inlined " + type.sourceFile + ":"
              + target.line() + ", with patch " + function.patch().id() + ")", function.patch().code(), copyClass.internalName(),
              copyClass.loaderId(), copySpec, Instant.now()), function.position()));
          notes.add("inlined copy: " + shown + (points > 1 ? " (" + points + " copies)" : "") + ", patch " + id);
          count += points;
        }
      }
    }
    if (count > 0) {
      notes.add(0, MethodNames.display(method) + " is a Kotlin inline function: its line " + target.line() + " is also patched in the "
          + count + " cop" + (count == 1 ? "y" : "ies") + " kotlinc inlined into loaded callers; revert " + function.patch().id()
          + " removes them all. Callers loaded later are not patched");
    }
    return new Found(copies, notes);
  }

  private ClassNode callerOrNull(Class<?> candidate) {
    try {
      return node(context.classFiles().original(candidate));
    } catch (RuntimeException unreadable) {
      return null; // no class file: kotlinc wrote none of it
    }
  }

  private static ClassNode node(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
    return node;
  }

  private static MethodNode methodAt(ClassNode type, PatchTarget target) {
    for (MethodNode method : type.methods) {
      boolean named = target.methodName() == null || (method.name.equals(target.methodName())
          && MethodNames.parametersMatch(method, target.parameterTypes()));
      if (named && method.instructions.size() > 0 && !new LineMap(type.name, method).pointsFor(target.line()).isEmpty()) {
        return method;
      }
    }
    return null;
  }

  private static boolean isInlineFunction(MethodNode method) {
    if (method.localVariables == null) {
      return false;
    }
    for (LocalVariableNode local : method.localVariables) {
      if (local.name.equals(INLINE_FUNCTION_MARKER + method.name)) {
        return true;
      }
    }
    return false;
  }
}
