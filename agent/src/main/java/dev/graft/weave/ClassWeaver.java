package dev.graft.weave;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.PatchTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Applies a class's patches, in order, to its original bytes. Find first (every patch's method and splice
 * points are located on the untouched class), change second (the copies are spliced in), then frames are
 * recomputed through the target's class loader and every changed method is verified.
 */
public final class ClassWeaver {
  private final TypeHierarchy hierarchy;

  public ClassWeaver(ClassLoader loader) {
    this.hierarchy = new TypeHierarchy(loader);
  }

  public WovenClass weave(byte[] original, List<? extends WeaveSpec> specs) {
    ClassNode type = new ClassNode();
    new ClassReader(original).accept(type, ClassReader.SKIP_FRAMES);
    boolean isInterface = (type.access & Opcodes.ACC_INTERFACE) != 0;
    TargetResolver resolver = new TargetResolver(type);
    NestlessAccess nestless = new NestlessAccess(hierarchy, type.name, type.version);
    List<Plan> plans = new ArrayList<>();
    List<ReadRebinder> rebinders = new ArrayList<>();
    for (WeaveSpec any : specs) {
      if (any instanceof RebindSpec rebind) {
        ReadRebinder rebinder = new ReadRebinder(type, rebind, hierarchy.isInterface(rebind.wrapperStandsFor()));
        // the expression runs in the woven class, whatever class the wrapper stood for
        nestless.legalise(rebinder.expression());
        rebinders.add(rebinder);
        continue;
      }
      SpliceSpec spec = (SpliceSpec) any;
      ResolvedSite site = resolver.resolve(spec.target(), spec.copy() != null, spec.onThrow());
      // a copy of an inline function keeps the function's class in its member references
      String standsFor = spec.copy() == null ? type.name : spec.copy().functionOwner();
      SnippetWrapper wrapper = new SnippetWrapper(spec.wrapperClass(), standsFor,
          spec.copy() == null ? isInterface : hierarchy.isInterface(standsFor));
      nestless.legalise(wrapper.method());
      boolean beforeCall = ConstructorPrologue.holdsAny(site.method(), site.points());
      boolean hasSelf = (site.method().access & Opcodes.ACC_STATIC) == 0 && !beforeCall;
      if (hasSelf == wrapper.isStatic()) {
        throw GraftException.rejected("the compiled snippet does not fit " + spec.target() + " (static/instance mismatch"
            + (beforeCall ? ": " + ConstructorPrologue.NO_OBJECT : "") + "); recompile it");
      }
      if (beforeCall && wrapper.returns()) {
        throw GraftException.rejected("the snippet returns from the constructor before its super(...) or this(...) call; "
            + "the JVM refuses a constructor that returns before the object is initialised (throw instead, or inject after the call)");
      }
      List<SnippetSplicer> splicers = new ArrayList<>();
      for (SplicePoint point : site.points()) {
        splicers.add(splicerFor(spec, site, wrapper, point)); // slots are read before anything changes
      }
      SplicePoint exceptionPoint = spec.onThrow() ? ExitHandler.exceptionPoint(site.method(), site.lines().entryPoint()) : null;
      plans.add(new Plan(spec, site, splicers, exceptionPoint == null ? null : splicerFor(spec, site, wrapper, exceptionPoint), exceptionPoint,
          wrapper.method(), spec.onThrow() ? ExitHandler.bodyStart(site.method()) : null));
    }
    Map<String, List<String>> changed = new LinkedHashMap<>();
    Map<String, Integer> pointCounts = new LinkedHashMap<>();
    Map<MethodNode, List<TryCatchBlockNode>> newHandlers = new IdentityHashMap<>();
    Map<AbstractInsnNode, AbstractInsnNode> cursors = new IdentityHashMap<>();
    Map<MethodNode, AbstractInsnNode> entryCursors = new IdentityHashMap<>();
    for (Plan plan : plans) {
      MethodNode method = plan.site.method();
      for (int i = 0; i < plan.splicers.size(); i++) {
        SplicePoint point = plan.site.points().get(i);
        SnippetSplicer splicer = plan.splicers.get(i);
        InsnList copy = splicer.copy(plan.spec.patchId(), plan.spec.propagate());
        if (plan.spec.onThrow()) {
          copy.insert(ExitHandler.noneThrown(plan.thrownSlot(point))); // at a return, nothing was thrown
        }
        HitGuard.guard(copy, plan.spec.hitsKey()); // inside the set-aside stack values: the guard sees an empty stack
        setAsideStack(copy, point.stack(), splicer.setAsideBase());
        AbstractInsnNode last = copy.getLast();
        AbstractInsnNode anchor = point.anchor();
        if (anchor == null) {
          if (point.reportLine() != SplicePoint.NO_LINE) {
            LabelNode start = new LabelNode();
            copy.insert(new LineNumberNode(point.reportLine(), start));
            copy.insert(start);
          }
          AbstractInsnNode after = entryCursors.get(method);
          if (after == null) {
            method.instructions.insert(copy);
          } else {
            method.instructions.insert(after, copy);
          }
          entryCursors.put(method, last);
        } else {
          // a later patch at the same point runs after an earlier one: patches apply in the order given
          method.instructions.insert(cursors.getOrDefault(anchor, anchor), copy);
          cursors.put(anchor, last);
        }
        newHandlers.computeIfAbsent(method, m -> new ArrayList<>()).addAll(splicer.handlers());
      }
      if (plan.onException != null) {
        InsnList copy = plan.onException.copy(plan.spec.patchId(), false, true);
        HitGuard.guard(copy, plan.spec.hitsKey());
        // result sits where the return path sets it aside: the first slot above the snippet's own
        ExitHandler.add(method, plan.bodyStart, copy, plan.thrownSlot(plan.exceptionPoint),
            SnippetSplicer.setAsideBase(method, plan.snippet, plan.firstOwnSlot()));
        newHandlers.computeIfAbsent(method, m -> new ArrayList<>()).addAll(plan.onException.handlers());
      }
      changed.computeIfAbsent(plan.spec.patchId(), id -> new ArrayList<>()).add(method.name + method.desc);
      pointCounts.merge(plan.spec.patchId(), plan.splicers.size() + (plan.onException == null ? 0 : 1), Integer::sum);
    }
    newHandlers.forEach((method, handlers) -> method.tryCatchBlocks.addAll(0, handlers));
    for (int i = 0; i < rebinders.size(); i++) {
      for (int later = i + 1; later < rebinders.size(); later++) {
        rebinders.get(i).yieldTo(rebinders.get(later)); // a read is replaced once, by the last rebinding of it
      }
    }
    for (ReadRebinder rebinder : rebinders) {
      String id = rebinder.patchId();
      changed.computeIfAbsent(id, key -> new ArrayList<>()).addAll(rebinder.changedMethods());
      pointCounts.merge(id, rebinder.reads(), Integer::sum);
      rebinder.apply(); // its reads were found on the untouched class, like every splice point
    }
    byte[] woven = write(type);
    Set<String> methods = new LinkedHashSet<>();
    changed.values().forEach(methods::addAll);
    new WovenMethodsVerifier(hierarchy).verify(woven, methods);
    return new WovenClass(woven, changed, pointCounts);
  }

  /**
   * Values the caller left on the operand stack (a Kotlin inline function's copy inside an expression) go
   * to locals above the snippet's own before the copy and come back after it: the copy's handler would
   * empty the stack, and its code expects none below.
   */
  private static void setAsideStack(InsnList copy, List<Type> stack, int firstSlot) {
    if (stack.isEmpty()) {
      return;
    }
    InsnList before = new InsnList();
    InsnList after = new InsnList();
    int[] slots = setAsideSlots(stack, firstSlot);
    for (int i = stack.size() - 1; i >= 0; i--) {
      before.add(new org.objectweb.asm.tree.VarInsnNode(stack.get(i).getOpcode(Opcodes.ISTORE), slots[i]));
    }
    for (int i = 0; i < stack.size(); i++) {
      after.add(new org.objectweb.asm.tree.VarInsnNode(stack.get(i).getOpcode(Opcodes.ILOAD), slots[i]));
    }
    copy.insert(before);
    copy.add(after);
  }

  /** The local each stack value is set aside in, bottom first, from {@code firstSlot} up. */
  private static int[] setAsideSlots(List<Type> stack, int firstSlot) {
    int[] slots = new int[stack.size()];
    int slot = firstSlot;
    for (int i = 0; i < stack.size(); i++) {
      slots[i] = slot;
      slot += stack.get(i).getSize();
    }
    return slots;
  }

  private static SnippetSplicer splicerFor(SpliceSpec spec, ResolvedSite site, SnippetWrapper wrapper, SplicePoint point) {
    MethodNode target = site.method();
    MethodNode snippet = wrapper.method();
    boolean instance = !wrapper.isStatic();
    int[] slots = SnippetSplicer.parameterSlots(snippet, instance);
    Map<Integer, Integer> slotMap = new HashMap<>();
    int parameter = 0;
    if (instance) {
      slotMap.put(0, 0); // the wrapper's this is the target's this
      slotMap.put(slots[parameter++], 0); // and so is self
    }
    Map<Integer, ScopedLocal> held = new HashMap<>();
    for (String name : spec.localNames()) {
      if (spec.onThrow() && name.equals(PatchTarget.THROWN)) {
        slotMap.put(slots[parameter++], ExitHandler.thrownSlot(target, snippet, slots[slots.length - 1], point));
        continue;
      }
      if (spec.target().isExit() && name.equals(PatchTarget.RESULT) && !point.stack().isEmpty()) {
        // the value being returned: set aside above the snippet's own locals (setAsideStack), returned from there
        int[] setAside = setAsideSlots(point.stack(), SnippetSplicer.setAsideBase(target, snippet, slots[slots.length - 1]));
        slotMap.put(slots[parameter++], setAside[setAside.length - 1]);
        continue;
      }
      ScopedLocal local = LocalScope.named(target, point, name, spec.copy() != null);
      if (local.isHeld()) {
        held.put(slots[parameter], local);
      }
      slotMap.put(slots[parameter++], local.slot());
    }
    if (parameter != Type.getArgumentTypes(snippet.desc).length) {
      throw GraftException.rejected("the compiled snippet takes " + Type.getArgumentTypes(snippet.desc).length
          + " parameters, but " + parameter + " locals were named; recompile it");
    }
    return new SnippetSplicer(snippet, slotMap, held, slots[slots.length - 1], target.maxLocals);
  }

  private byte[] write(ClassNode type) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected String getCommonSuperClass(String first, String second) {
        return hierarchy.commonSuperClass(first, second);
      }
    };
    try {
      type.accept(writer);
      return writer.toByteArray();
    } catch (RuntimeException e) {
      throw new GraftException(ExitCodes.INTERNAL, "graft cannot write the woven class " + type.name.replace('/', '.') + " (" + e
          + "): a fault of graft's weaving, not of the snippet; nothing was changed; please report it with the agent's log", e);
    }
  }

  /**
   * @param onException for {@code --on-throw}, the splicer of the exit's code in {@link ExitHandler}'s handler, at
   *     {@code exceptionPoint}, its handler covering the body from {@code bodyStart} on; else null
   */
  private record Plan(SpliceSpec spec, ResolvedSite site, List<SnippetSplicer> splicers, SnippetSplicer onException,
      SplicePoint exceptionPoint, MethodNode snippet, ExitHandler.BodyStart bodyStart) {
    int firstOwnSlot() {
      int[] slots = SnippetSplicer.parameterSlots(snippet, (snippet.access & Opcodes.ACC_STATIC) == 0);
      return slots[slots.length - 1];
    }

    int thrownSlot(SplicePoint point) {
      return ExitHandler.thrownSlot(site.method(), snippet, firstOwnSlot(), point);
    }
  }
}
