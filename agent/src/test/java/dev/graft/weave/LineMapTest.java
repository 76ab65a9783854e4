package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.testing.ClassBytes;
import dev.graft.testing.SourceMarkers;
import dev.graft.weave.targets.Pricing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

class LineMapTest {
  private static final ClassNode PRICING = ClassBytes.node(Pricing.class);

  private static LineMap lines(String name, String descriptor) {
    return new LineMap(PRICING.name, ClassBytes.method(PRICING, name, descriptor));
  }

  private static int line(String marker) {
    return SourceMarkers.line(Pricing.class, marker);
  }

  private static AbstractInsnNode instruction(LineMap map, SplicePoint point) {
    return map.method().instructions.get(point.firstInstruction());
  }

  @Test
  void statementLine_hasOneSplicePoint_rightAfterItsLineNumber() {
    LineMap map = lines("price", null);

    List<SplicePoint> points = map.pointsFor(line("price.total"));

    assertEquals(1, points.size());
    LineNumberNode anchor = (LineNumberNode) points.get(0).anchor();
    assertEquals(line("price.total"), anchor.line);
    assertEquals(Opcodes.DLOAD, instruction(map, points.get(0)).getOpcode());
  }

  @Test
  void forHeaderLine_hasTwoSplicePoints_theInitialiserAndTheIncrement() {
    LineMap map = lines("sum", null);

    List<SplicePoint> points = map.pointsFor(line("sum.for"));

    assertEquals(2, points.size());
    assertEquals(Opcodes.ICONST_0, instruction(map, points.get(0)).getOpcode(), "int i = 0");
    assertEquals(Opcodes.IINC, instruction(map, points.get(1)).getOpcode(), "i++");
  }

  @Test
  void finallyLine_hasOneSplicePointPerCopy_includingTheExceptionPath() {
    LineMap map = lines("guarded", null);

    List<SplicePoint> points = map.pointsFor(line("guarded.finally"));

    // javac copies the finally block onto the early return, the normal exit and the catch-any handler.
    // DESIGN §3: the block "runs once per exit, whichever path is taken".
    assertEquals(3, points.size(), "BUG (LineMap): the finally copy in javac's catch-any handler starts with "
        + "'astore' of the exception (operand stack not empty), so that copy gets no splice point and a snippet at a "
        + "finally line does not run when the try block throws");
  }

  @Test
  void lineThatOnlyContinuesAnExpression_hasNoSplicePoint() {
    LineMap map = lines("continued", null);

    assertEquals(List.of(), map.pointsFor(line("continued.second")));
    assertTrue(map.onlyContinuesAnExpression(line("continued.second")));
    assertFalse(map.onlyContinuesAnExpression(line("continued.start")));
    assertEquals(1, map.pointsFor(line("continued.start")).size());
  }

  @Test
  void everySplicePoint_hasAnEmptyOperandStack() {
    for (MethodNode method : PRICING.methods) {
      if (method.instructions.size() == 0) {
        continue;
      }
      LineMap map = new LineMap(PRICING.name, method);
      for (Map.Entry<Integer, List<SplicePoint>> line : map.spliceableLines().entrySet()) {
        for (SplicePoint point : line.getValue()) {
          assertEquals(0, map.frameAt(point.firstInstruction()).getStackSize(), method.name + " line " + line.getKey());
        }
      }
    }
  }

  @Test
  void firstAndLastLine_spanTheMethod() {
    LineMap map = lines("price", null);

    assertTrue(map.hasLines());
    assertEquals(line("price.discount"), map.firstLine());
    assertEquals(line("price.return"), map.lastLine());
    assertEquals(List.of(line("price.discount"), line("price.total"), line("price.return")), List.copyOf(map.spliceableLines().keySet()));
  }

  @Test
  void lineOfAnotherMethod_hasNoSplicePoint() {
    assertEquals(List.of(), lines("price", null).pointsFor(line("sum.init")));
  }

  @Test
  void entryPoint_ofAMethod_isItsFirstInstruction() {
    LineMap map = lines("price", null);

    SplicePoint entry = map.entryPoint();

    assertNull(entry.anchor());
    assertEquals(map.method().instructions.indexOf(firstReal(map.method())), entry.firstInstruction());
  }

  @Test
  void entryPoint_ofAConstructor_followsTheSuperCall() {
    LineMap map = lines("<init>", "(I)V");

    SplicePoint entry = map.entryPoint();

    MethodInsnNode superCall = (MethodInsnNode) entry.anchor();
    assertEquals(Opcodes.INVOKESPECIAL, superCall.getOpcode());
    assertEquals("java/lang/Object", superCall.owner);
    assertEquals("<init>", superCall.name);
    assertEquals(Opcodes.ALOAD, instruction(map, entry).getOpcode(), "this.base = 10.0 follows super()");
  }

  @Test
  void entryPoint_ofADelegatingConstructor_followsTheThisCall_notAConstructorCallInItsArguments() {
    LineMap map = lines("<init>", "(Ljava/lang/String;)V");

    MethodInsnNode call = (MethodInsnNode) map.entryPoint().anchor();

    assertEquals(PRICING.name, call.owner);
    assertEquals("(I)V", call.desc);
    assertEquals(Opcodes.RETURN, instruction(map, map.entryPoint()).getOpcode());
  }

  private static AbstractInsnNode firstReal(MethodNode method) {
    for (AbstractInsnNode node : method.instructions) {
      if (node.getOpcode() >= 0) {
        return node;
      }
    }
    throw new AssertionError("no instruction in " + method.name);
  }
}
