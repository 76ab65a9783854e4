package dev.graft.weave;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The lines of one method and where each can take spliced code. A line runs wherever the
 * LineNumberTable starts it; only starts with an empty operand stack are splice points (a line that
 * continues an expression begun on an earlier line starts with values on the stack).
 */
public final class LineMap {
  private final MethodNode method;
  private final Frame<BasicValue>[] frames;
  private final TreeMap<Integer, List<SplicePoint>> pointsByLine = new TreeMap<>();
  private final TreeMap<Integer, Integer> startsWithValuesOnStack = new TreeMap<>();
  private final TreeMap<Integer, List<SplicePoint>> pointsWithStackByLine = new TreeMap<>();

  public LineMap(String owner, MethodNode method) {
    this.method = method;
    this.frames = analyze(owner, method);
    for (AbstractInsnNode node : method.instructions) {
      if (node instanceof LineNumberNode lineNode) {
        int first = firstRealInstruction(node);
        if (first < 0) {
          continue;
        }
        Frame<BasicValue> frame = frames[first];
        if (frame == null) {
          continue; // unreachable code (javac keeps none, other compilers might)
        }
        if (frame.getStackSize() == 0) {
          pointsByLine.computeIfAbsent(lineNode.line, l -> new ArrayList<>()).add(new SplicePoint(lineNode, first, SplicePoint.NO_LINE));
        } else if (startsHandlerWithStore(lineNode, first)) {
          // javac's copy of a finally block (or a catch block) on the exception path starts by storing the
          // exception: the line's own code begins right after that store, with an empty stack
          AbstractInsnNode store = method.instructions.get(first);
          pointsByLine.computeIfAbsent(lineNode.line, l -> new ArrayList<>())
              .add(new SplicePoint(store, firstRealInstruction(store.getNext()), SplicePoint.NO_LINE));
        } else {
          startsWithValuesOnStack.merge(lineNode.line, 1, Integer::sum);
          pointsWithStackByLine.computeIfAbsent(lineNode.line, l -> new ArrayList<>())
              .add(new SplicePoint(lineNode, first, SplicePoint.NO_LINE, stackOf(frame)));
        }
      }
    }
  }

  public MethodNode method() {
    return method;
  }

  public boolean hasLines() {
    return !pointsByLine.isEmpty() || !startsWithValuesOnStack.isEmpty();
  }

  public int firstLine() {
    return Math.min(first(pointsByLine), first(startsWithValuesOnStack));
  }

  public int lastLine() {
    return Math.max(last(pointsByLine), last(startsWithValuesOnStack));
  }

  /** Lines where code can be spliced, in order. */
  public Map<Integer, List<SplicePoint>> spliceableLines() {
    return pointsByLine;
  }

  public List<SplicePoint> pointsFor(int line) {
    return pointsByLine.getOrDefault(line, List.of());
  }

  /**
   * Every start of the line, also those with values on the operand stack, in code order: kotlinc inlines a
   * function's body inside the caller's expression, so a copy's first line may begin with the caller's
   * values pending.
   */
  public List<SplicePoint> pointsWithStackFor(int line) {
    List<SplicePoint> all = new ArrayList<>(pointsFor(line));
    all.addAll(pointsWithStackByLine.getOrDefault(line, List.of()));
    all.sort(java.util.Comparator.comparingInt(SplicePoint::firstInstruction));
    return all;
  }

  /** True when the line has code, but every start of it has values on the operand stack. */
  public boolean onlyContinuesAnExpression(int line) {
    return !pointsByLine.containsKey(line) && startsWithValuesOnStack.containsKey(line);
  }

  /** The analyzed frame before an instruction: its stack height is what makes a line start a splice point. */
  public Frame<BasicValue> frameAt(int instructionIndex) {
    return frames[instructionIndex];
  }

  private boolean startsHandlerWithStore(LineNumberNode lineNode, int first) {
    AbstractInsnNode insn = method.instructions.get(first);
    if (insn.getOpcode() != Opcodes.ASTORE || frames[first].getStackSize() != 1) {
      return false;
    }
    for (AbstractInsnNode node = lineNode; node != null; node = node.getPrevious()) {
      if (node instanceof LabelNode label && method.tryCatchBlocks.stream().anyMatch(block -> block.handler == label)) {
        return true;
      }
      if (node.getOpcode() >= 0) {
        return false;
      }
    }
    return false;
  }

  /**
   * The method's first instruction; in a constructor, the one after the super(...) or this(...) call.
   * The copy goes before the method's first label (a loop may jump back to it) and reports the first line.
   */
  public SplicePoint entryPoint() {
    AbstractInsnNode anchor = "<init>".equals(method.name) ? ConstructorPrologue.constructorCall(method) : null;
    int first = anchor == null ? firstRealInstruction(method.instructions.getFirst()) : firstRealInstruction(anchor.getNext());
    LineNumberNode line = firstLineNumberBeforeCode();
    return new SplicePoint(anchor, Math.max(first, 0), anchor == null && line != null ? line.line : SplicePoint.NO_LINE);
  }

  /**
   * Before every return of the method. A value-returning method has the value on the operand stack there:
   * the weaver sets it aside in a local, which the snippet sees as {@code result}, and returns what that
   * local holds afterwards. A throw is no return: exceptions leave the method unseen here (with
   * {@code --on-throw}, the weaver's {@link ExitHandler} sees them).
   */
  public List<SplicePoint> exitPoints() {
    return exitPoints(false);
  }

  /** {@code throwsToo}: the patch runs also when an exception leaves, so a method that never returns has an exit too. */
  public List<SplicePoint> exitPoints(boolean throwsToo) {
    List<SplicePoint> points = new ArrayList<>();
    for (AbstractInsnNode node : method.instructions) {
      int opcode = node.getOpcode();
      if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
        int index = method.instructions.indexOf(node);
        Frame<BasicValue> frame = frames[index];
        if (frame == null) {
          continue; // unreachable
        }
        points.add(new SplicePoint(node.getPrevious(), index, SplicePoint.NO_LINE, stackOf(frame)));
      }
    }
    if (points.isEmpty() && !throwsToo) {
      throw dev.graft.protocol.GraftException.rejected(method.name + " never returns (it always throws, or loops forever): it has no exit to patch");
    }
    return points;
  }

  /** The sorts of the values on a frame's operand stack, bottom first. */
  private static List<org.objectweb.asm.Type> stackOf(Frame<BasicValue> frame) {
    List<org.objectweb.asm.Type> stack = new ArrayList<>();
    for (int i = 0; i < frame.getStackSize(); i++) {
      stack.add(frame.getStack(i).getType());
    }
    return stack;
  }

  private LineNumberNode firstLineNumberBeforeCode() {
    for (AbstractInsnNode node = method.instructions.getFirst(); node != null && node.getOpcode() < 0; node = node.getNext()) {
      if (node instanceof LineNumberNode lineNode) {
        return lineNode;
      }
    }
    return null;
  }

  private int firstRealInstruction(AbstractInsnNode from) {
    for (AbstractInsnNode node = from; node != null; node = node.getNext()) {
      if (node.getOpcode() >= 0) {
        return method.instructions.indexOf(node);
      }
    }
    return -1;
  }

  private static Frame<BasicValue>[] analyze(String owner, MethodNode method) {
    try {
      return new Analyzer<>(new BasicInterpreter()).analyze(owner, method);
    } catch (AnalyzerException e) {
      throw new IllegalStateException("cannot analyze " + owner + "." + method.name + method.desc + ": " + e.getMessage(), e);
    }
  }

  private static int first(TreeMap<Integer, ?> map) {
    return map.isEmpty() ? Integer.MAX_VALUE : map.firstKey();
  }

  private static int last(TreeMap<Integer, ?> map) {
    return map.isEmpty() ? Integer.MIN_VALUE : map.lastKey();
  }
}
