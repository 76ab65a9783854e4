package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.PatchTarget;
import dev.graft.testing.ClassBytes;
import dev.graft.testing.SourceMarkers;
import dev.graft.weave.targets.Pricing;
import dev.graft.weave.targets.Shape;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;

class TargetResolverTest {
  private static final String PRICING = Pricing.class.getName();
  private final TargetResolver resolver = new TargetResolver(ClassBytes.node(Pricing.class));

  private static int line(String marker) {
    return SourceMarkers.line(Pricing.class, marker);
  }

  private ResolvedSite resolve(String target) {
    return resolver.resolve(PatchTarget.parse(target));
  }

  private String rejection(String target) {
    return rejection(resolver, target);
  }

  private static String rejection(TargetResolver resolver, String target) {
    GraftException error = assertThrows(GraftException.class, () -> resolver.resolve(PatchTarget.parse(target)));
    assertEquals(ExitCodes.REJECTED, error.exitCode(), error.getMessage());
    return error.getMessage();
  }

  @Test
  void classAndLine_findsTheMethodWhoseCodeHoldsTheLine() {
    ResolvedSite site = resolve(PRICING + ":" + line("price.total"));

    assertEquals("price", site.method().name);
    assertEquals(1, site.points().size());
  }

  @Test
  void methodAndLine_findsTheLineInThatMethod() {
    ResolvedSite site = resolve(PRICING + "#sum:" + line("sum.for"));

    assertEquals("sum", site.method().name);
    assertEquals(2, site.points().size());
  }

  @Test
  void inject_lineWithoutCode_listsNearestLines() {
    int close = line("sum.close");

    assertEquals("line " + close + " of " + PRICING + " has no code; nearest lines with code: " + line("sum.body") + ", " + line("sum.return"),
        rejection(PRICING + ":" + close));
  }

  @Test
  void inject_lineBeforeTheMethod_listsTheMethodsFirstLine() {
    int signature = line("sum.init") - 1;

    assertEquals("line " + signature + " of " + PRICING + "#sum(int) has no code; nearest lines with code: " + line("sum.init"),
        rejection(PRICING + "#sum:" + signature));
  }

  @Test
  void inject_linePastTheEndOfTheMethod_namesItsLastLine() {
    assertEquals("line 9999 is past the last line with code in " + PRICING + "#sum(int) (" + line("sum.return") + ")",
        rejection(PRICING + "#sum:9999"));
  }

  @Test
  void inject_linePastTheEndOfTheClass_namesItsLastLine() {
    assertEquals("line 9999 is past the last line with code in " + PRICING + " (" + line("unnameable.return") + ")",
        rejection(PRICING + ":9999"));
  }

  @Test
  void inject_lineHoldingALambda_listsBothMethods() {
    int lambda = line("adder.lambda");

    assertEquals("line " + lambda + " of " + PRICING + " holds code of 2 methods; pick one: "
        + PRICING + "#adder(int):" + lambda + ", " + PRICING + "#lambda$adder$0(int,int):" + lambda,
        rejection(PRICING + ":" + lambda));
  }

  @Test
  void inject_methodOnALambdaLine_picksOne() {
    int lambda = line("adder.lambda");

    assertEquals("adder", resolve(PRICING + "#adder:" + lambda).method().name);
    assertEquals("lambda$adder$0", resolve(PRICING + "#lambda$adder$0:" + lambda).method().name);
  }

  @Test
  void inject_fieldInitialiserLine_listsEveryConstructorThatRunsIt() {
    int field = line("field.base");

    assertEquals("line " + field + " of " + PRICING + " holds code of 2 methods; pick one: "
        + PRICING + "#<init>():" + field + ", " + PRICING + "#<init>(int):" + field,
        rejection(PRICING + ":" + field));
  }

  @Test
  void inject_lineThatOnlyContinuesAnExpression_isRejected() {
    int second = line("continued.second");

    assertEquals("line " + second + " of " + PRICING + " only continues an expression begun on an earlier line; "
        + "splice before the line where the statement starts", rejection(PRICING + ":" + second));
    assertEquals("line " + second + " of " + PRICING + "#continued(int,int) only continues an expression begun on an earlier line; "
        + "splice before the line where the statement starts", rejection(PRICING + "#continued:" + second));
  }

  @Test
  void inject_overloadedMethod_needsParameterTypes() {
    assertEquals("discount is overloaded in " + PRICING + ": discount(int), discount(int,double); "
        + "name one with its parameter types, e.g. " + PRICING + "#discount(int)",
        rejection(PRICING + "#discount:" + line("discount.int")));
  }

  @Test
  void inject_overloadWithParameterTypes_isFound() {
    ResolvedSite site = resolve(PRICING + "#discount(int,double):" + line("discount.intDouble"));

    assertEquals("(ID)I", site.method().desc);
    assertEquals("(I)I", resolve(PRICING + "#discount(int):" + line("discount.int")).method().desc);
  }

  @Test
  void inject_unknownOverload_listsTheOverloads() {
    assertEquals("no overload discount(long) in " + PRICING + "; there are: discount(int), discount(int,double)",
        rejection(PRICING + "#discount(long):" + line("discount.int")));
  }

  @Test
  void inject_unknownMethod_listsTheMethods() {
    TargetResolver shapes = new TargetResolver(ClassBytes.node(Shape.class));

    assertEquals("no method perimeter in " + Shape.class.getName() + "; its methods: <init>(), area(), twiceArea()",
        rejection(shapes, Shape.class.getName() + "#perimeter:entry"));
  }

  @Test
  void inject_nativeMethod_isRejected() {
    assertEquals(PRICING + "#nativeCall() is native: it has no bytecode to patch", rejection(PRICING + "#nativeCall:entry"));
  }

  @Test
  void inject_abstractMethod_isRejected() {
    TargetResolver shapes = new TargetResolver(ClassBytes.node(Shape.class));

    assertEquals(Shape.class.getName() + "#area() is abstract: it has no code; patch the implementation in a subclass instead",
        rejection(shapes, Shape.class.getName() + "#area:entry"));
  }

  @Test
  void entry_ofAStaticMethod_isItsFirstInstruction() {
    ResolvedSite site = resolve(PRICING + "#price:entry");

    assertEquals(1, site.points().size());
    assertNull(site.points().get(0).anchor());
  }

  @Test
  void entry_ofAConstructor_isAfterTheSuperCall() {
    ResolvedSite site = resolve(PRICING + "#<init>(int):entry");

    assertEquals("(I)V", site.method().desc);
    MethodInsnNode anchor = assertInstanceOf(MethodInsnNode.class, site.points().get(0).anchor());
    assertEquals("java/lang/Object", anchor.owner);
  }

  @Test
  void constructorLines_resolveWithInit() {
    ResolvedSite site = resolve(PRICING + "#<init>(int):" + line("ctor.body"));

    assertEquals("<init>", site.method().name);
    assertEquals(1, site.points().size());
  }

  @Test
  void classWithoutLineNumbers_saysToUseEntry() {
    ClassNode stripped = new ClassNode();
    new ClassReader(ClassBytes.of(Pricing.class)).accept(stripped, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    TargetResolver withoutDebug = new TargetResolver(stripped);

    assertEquals(PRICING + " has no line numbers (compiled without -g:lines?); use CLASS#METHOD:entry",
        rejection(withoutDebug, PRICING + ":" + line("price.total")));
    assertEquals(PRICING + "#price(int,double,double) has no line numbers (compiled without -g:lines?); use CLASS#METHOD:entry",
        rejection(withoutDebug, PRICING + "#price:" + line("price.total")));
    assertEquals("price", withoutDebug.resolve(PatchTarget.parse(PRICING + "#price:entry")).method().name);
  }
}
