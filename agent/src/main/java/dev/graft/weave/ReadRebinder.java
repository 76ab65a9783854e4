package dev.graft.weave;

import dev.graft.protocol.GraftException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Rebinds reads for one {@link RebindSpec}: finds every read in the named methods first, then replaces
 * each with a copy of the expression's code, its parameters bound to the locals or fields they stand for.
 * A rebinding with a lifetime reads the original variable again once its runs are spent ({@link HitGuard}).
 */
final class ReadRebinder {
  private final RebindSpec spec;
  private final SnippetWrapper wrapper;
  private final List<Site> sites = new ArrayList<>();

  private record Site(MethodNode method, AbstractInsnNode read) {}

  ReadRebinder(ClassNode type, RebindSpec spec, boolean standsForInterface) {
    this.spec = spec;
    this.wrapper = new SnippetWrapper(spec.wrapperClass(), spec.wrapperStandsFor(), standsForInterface);
    for (MethodNode method : type.methods) {
      if (!spec.methods().contains(method.name + method.desc)) {
        continue;
      }
      for (AbstractInsnNode insn : method.instructions) {
        if (isRead(insn)) {
          sites.add(new Site(method, insn));
        }
      }
    }
    if (sites.isEmpty()) {
      throw GraftException.rejected("no read to rebind in " + type.name.replace('/', '.') + " " + spec.methods());
    }
  }

  /** The expression's code, before it is copied to each read. */
  MethodNode expression() {
    return wrapper.method();
  }

  String patchId() {
    return spec.patchId();
  }

  int reads() {
    return sites.size();
  }

  /** The reads a later rebinding of the same variable takes over: the later binding wins. */
  void yieldTo(ReadRebinder later) {
    sites.removeIf(site -> later.sites.stream().anyMatch(other -> other.read == site.read));
  }

  List<String> changedMethods() {
    return sites.stream().map(site -> site.method.name + site.method.desc).distinct().toList();
  }

  void apply() {
    for (Site site : sites) {
      MethodNode method = site.method;
      InsnList replacement = new InsnList();
      LabelNode spent = new LabelNode();
      if (spec.hitsKey() != null) {
        replacement.add(HitGuard.skipWhenSpent(spec.hitsKey(), spent)); // no runs left: the original read
      }
      if (spec.read().isHeld()) {
        method.instructions.remove(previousReal(site.read)); // the load of the Ref whose element is read
      } else if (!spec.read().isLocal() && !spec.read().isStatic()) {
        replacement.add(new InsnNode(Opcodes.POP)); // the receiver of the field read
      }
      Map<Integer, Integer> slotMap = new HashMap<>();
      boolean instance = !wrapper.isStatic();
      int[] slots = SnippetSplicer.parameterSlots(wrapper.method(), instance);
      int parameter = 0;
      if (instance) {
        slotMap.put(0, 0);
        slotMap.put(slots[parameter++], 0);
      }
      int temp = method.maxLocals;
      for (RebindSpec.Source source : spec.parameters()) {
        if (source.isLocal()) {
          slotMap.put(slots[parameter++], source.slot());
          continue;
        }
        // a capture held in a field of this closure, or a captured Kotlin var's Ref element: read into a fresh local
        Type type = Type.getType(source.descriptor());
        if (source.isHeld()) {
          String field = KotlinLocals.elementField(source.owner());
          replacement.add(new VarInsnNode(Opcodes.ALOAD, source.slot()));
          replacement.add(new FieldInsnNode(Opcodes.GETFIELD, source.owner(), source.field(), field));
          if (!field.equals(source.descriptor())) {
            replacement.add(new org.objectweb.asm.tree.TypeInsnNode(Opcodes.CHECKCAST, type.getInternalName()));
          }
        } else {
          replacement.add(new VarInsnNode(Opcodes.ALOAD, 0));
          replacement.add(new FieldInsnNode(Opcodes.GETFIELD, source.owner(), source.field(), source.descriptor()));
        }
        replacement.add(new VarInsnNode(type.getOpcode(Opcodes.ISTORE), temp));
        slotMap.put(slots[parameter++], temp);
        temp += type.getSize();
      }
      SnippetSplicer splicer = new SnippetSplicer(wrapper.method(), slotMap, slots[slots.length - 1], temp);
      replacement.add(splicer.copyExpression());
      if (spec.hitsKey() != null) {
        LabelNode done = new LabelNode();
        replacement.add(new JumpInsnNode(Opcodes.GOTO, done));
        replacement.add(spent);
        if (spec.read().isHeld()) {
          replacement.add(new VarInsnNode(Opcodes.ALOAD, spec.read().slot())); // its load was taken out above
        }
        replacement.add(site.read.clone(Map.of())); // a field's receiver is still on the stack here
        replacement.add(done);
      }
      method.instructions.insertBefore(site.read, replacement);
      method.instructions.remove(site.read);
    }
  }

  private boolean isRead(AbstractInsnNode insn) {
    RebindSpec.Read read = spec.read();
    if (read.isHeld()) {
      return insn.getOpcode() == Opcodes.GETFIELD && insn instanceof FieldInsnNode field && field.owner.equals(read.owner())
          && field.name.equals(read.name()) && previousReal(insn) instanceof VarInsnNode load
          && load.getOpcode() == Opcodes.ALOAD && load.var == read.slot();
    }
    if (read.isLocal()) {
      return insn instanceof VarInsnNode var && var.var == read.slot() && var.getOpcode() >= Opcodes.ILOAD && var.getOpcode() <= Opcodes.ALOAD;
    }
    int opcode = read.isStatic() ? Opcodes.GETSTATIC : Opcodes.GETFIELD;
    return insn.getOpcode() == opcode && insn instanceof FieldInsnNode field
        && field.owner.equals(read.owner()) && field.name.equals(read.name()) && field.desc.equals(read.descriptor());
  }

  private static AbstractInsnNode previousReal(AbstractInsnNode insn) {
    AbstractInsnNode previous = insn.getPrevious();
    while (previous != null && previous.getOpcode() < 0) {
      previous = previous.getPrevious();
    }
    return previous;
  }
}
