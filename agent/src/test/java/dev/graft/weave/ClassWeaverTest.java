package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.inspect.BytecodeText;
import dev.graft.inspect.TextDiff;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.PatchTarget;
import dev.graft.testing.ClassBytes;
import dev.graft.testing.GoldenFiles;
import dev.graft.testing.SnippetCompiler;
import dev.graft.testing.SourceMarkers;
import dev.graft.testing.WovenLoader;
import dev.graft.weave.targets.Greeter;
import dev.graft.weave.targets.Pricing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Weaves compiled snippets into the targets, checks every woven class with ASM's CheckClassAdapter, compares
 * the changed method's text with a golden file, and runs the woven class in a fresh class loader.
 */
class ClassWeaverTest {
  private static final String PRICING = Pricing.class.getName();
  private static final ClassLoader LOADER = ClassWeaverTest.class.getClassLoader();
  private static final String PRICE = "(IDD)D";

  private final List<String> caught = new ArrayList<>();
  private final Logger channel = Logger.getLogger(SnippetSplicer.EXCEPTION_LOGGER);
  private final Handler listener = new Handler() {
    @Override
    public void publish(LogRecord record) {
      caught.add(record.getMessage() + ": " + record.getThrown());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  /** Listens where spliced code reports the exceptions it catches, as the agent does. */
  @BeforeEach
  void listenForCaughtExceptions() {
    channel.setUseParentHandlers(false);
    channel.addHandler(listener);
  }

  @AfterEach
  void stopListening() {
    channel.removeHandler(listener);
  }

  // ---- inject: what a snippet does to the running method ----

  @Test
  void assigningAParameter_changesTheRunningMethod() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", at("price.discount"), "if (rate > 0.5) rate = 0.5;"));

    assertGolden("price_assignParameter", woven, "price", PRICE);
    GoldenFiles.assertMatches("price_assignParameter_diff", TextDiff.unified("price original",
        BytecodeText.ofMethod(ClassBytes.of(Pricing.class), "price", PRICE), "price patched", BytecodeText.ofMethod(woven.bytes(), "price", PRICE)));
    Class<?> pricing = load(woven);
    assertEquals(51.0, price(pricing, 1, 100, 0.9), "rate capped at 0.5");
    assertEquals(81.0, price(pricing, 1, 100, 0.2), "rate below the cap is kept");
    assertEquals(11.0, Pricing.price(1, 100, 0.9), "the original class is untouched");
  }

  @Test
  void assigningALocal_changesTheRunningMethod() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", at("price.return"), "total = total * 2;"));

    assertEquals(181.0, price(load(woven), 1, 100, 0.1));
  }

  @Test
  void snippetLocals_getSlotsAboveTheTargetsOwn() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", at("price.total"), "double cap = 5; if (discount > cap) discount = cap;"));

    assertGolden("price_snippetLocal", woven, "price", PRICE);
    assertEquals(96.0, price(load(woven), 1, 100, 0.5));
  }

  @Test
  void returnStatement_returnsFromTheTarget() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", at("price.total"), "if (amount > 1000) return -1;"));

    assertGolden("price_return", woven, "price", PRICE);
    Class<?> pricing = load(woven);
    assertEquals(-1.0, price(pricing, 1, 2000, 0.1));
    assertEquals(91.0, price(pricing, 1, 100, 0.1));
  }

  @Test
  void fallingOffTheEnd_continuesWithTheLine() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", at("price.return"), "probe++;"));

    Class<?> pricing = load(woven);
    assertEquals(91.0, price(pricing, 1, 100, 0.1));
    assertEquals(91.0, price(pricing, 1, 100, 0.1));
    assertEquals(2, staticInt(pricing, "probe"));
  }

  @Test
  void exceptionOfACalledMethod_isCaughtCounted_andTheMethodContinuesAfterTheSplice() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", at("price.discount"), "fail(\"boom\"); rate = 0;"));

    assertGolden("price_caught", woven, "price", PRICE);
    Class<?> pricing = load(woven);
    assertEquals(11.0, price(pricing, 1, 100, 0.9), "the assignment after the failed call did not run; the line did");
    assertEquals(1, staticInt(pricing, "helperCalls"));
    assertEquals(List.of("p1: java.lang.IllegalStateException: boom"), caught);
  }

  @Test
  void throwStatement_throwsFromTheTarget() throws Throwable {
    WovenClass woven = weave(Pricing.class,
        patch("p1", at("price.total"), "if (order == 7) throw new IllegalArgumentException(\"order \" + order);"));

    assertGolden("price_throw", woven, "price", PRICE);
    Class<?> pricing = load(woven);
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> price(pricing, 7, 100, 0.1));
    assertEquals("order 7", thrown.getMessage());
    assertEquals(91.0, price(pricing, 1, 100, 0.1));
    assertEquals(List.of(), caught, "fault injection is not counted as a failure of the snippet");
  }

  @Test
  void throwStatement_reportsTheLineItWasSplicedBefore() {
    int line = SourceMarkers.line(Pricing.class, "price.total");
    WovenClass woven = weave(Pricing.class, patch("p1", at("price.total"), "if (order > 0) throw new IllegalArgumentException(\"injected\");"));

    Class<?> pricing = load(woven);
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> price(pricing, 1, 100, 0.1));
    StackTraceElement top = thrown.getStackTrace()[0];
    assertEquals("price", top.getMethodName());
    assertEquals(line, top.getLineNumber());
  }

  @Test
  void unconditionalThrowStatement_givesAClassTheJvmAccepts() {
    WovenClass woven = weaveUnchecked(Pricing.class, patch("p1", at("price.total"), "throw new IllegalArgumentException(\"injected\");"));

    Class<?> pricing;
    try {
      pricing = load(woven);
    } catch (ClassFormatError e) {
      throw new AssertionError("BUG (SnippetSplicer.copy): when the snippet's last instruction is the ATHROW of a throw "
          + "statement, the catch-all handler gets a second range [after athrow, codeEnd) that is empty; the JVM "
          + "rejects the class (ClassFormatError: Illegal exception table range) and ClassWeaver's own verification "
          + "does not notice", e);
    }
    assertVerifies(woven.bytes());
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> price(pricing, 1, 100, 0.1));
    assertEquals("injected", thrown.getMessage());
  }

  @Test
  void propagate_letsExceptionsOfCalledMethodsThrough() throws Throwable {
    WovenClass woven = weave(Pricing.class, new Patch("p1", at("price.discount"), "fail(\"boom\");", true));

    assertGolden("price_propagate", woven, "price", PRICE);
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> price(load(woven), 1, 100, 0.9));
    assertEquals("boom", thrown.getMessage());
    assertEquals(List.of(), caught);
  }

  @Test
  void snippetsOwnTryCatch_handlesTheExceptionBeforeTheAgentDoes() throws Throwable {
    WovenClass woven = weave(Pricing.class,
        patch("p1", at("price.discount"), "try { fail(\"boom\"); } catch (IllegalStateException e) { rate = 0; }"));

    assertEquals(101.0, price(load(woven), 1, 100, 0.9));
    assertEquals(List.of(), caught);
  }

  @Test
  void snippetsOwnTryFinally_exceptionOfACalledMethodIsStillCaughtByTheAgent() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", at("price.discount"), "try { fail(\"boom\"); } finally { probe++; }"));

    Class<?> pricing = load(woven);
    Object result;
    try {
      result = price(pricing, 1, 100, 0.9);
    } catch (IllegalStateException e) {
      throw new AssertionError("BUG (SnippetSplicer.copy): the exception of fail() escaped the target method. The splicer "
          + "leaves every ATHROW of the snippet outside its catch-all handler, taking it for a `throw` statement, but "
          + "javac also emits ATHROW to rethrow at the end of a finally (and of synchronized and try-with-resources) "
          + "block; DESIGN §3 says exceptions other than a throw statement are caught and counted", e);
    }
    assertEquals(11.0, result);
    assertEquals(1, staticInt(pricing, "probe"));
    assertEquals(List.of("p1: java.lang.IllegalStateException: boom"), caught);
  }

  @Test
  void patchesOnOneLine_runInTheOrderGiven() throws Throwable {
    WovenClass woven = weave(Pricing.class,
        patch("p1", at("price.discount"), "amount = amount * 2;"),
        patch("p2", at("price.discount"), "amount = amount + 1;"));

    assertGolden("price_twoPatchesOneLine", woven, "price", PRICE);
    assertEquals(201.0, price(load(woven), 0, 100, 0), "(100 * 2) + 1, not (100 + 1) * 2");
    assertEquals(Map.of("p1", List.of("price" + PRICE), "p2", List.of("price" + PRICE)), woven.changedMethods());
    assertEquals(Map.of("p1", 1, "p2", 1), woven.splicePoints());
  }

  @Test
  void patchesOnSeveralLinesAndEntry_composeInOneMethod() throws Throwable {
    WovenClass woven = weave(Pricing.class,
        patch("p1", at("price.return"), "total = total + 1000;"),
        patch("p2", PRICING + "#price:entry", "order = 100;"),
        patch("p3", at("price.discount"), "rate = 0.5;"));

    assertEquals(1150.0, price(load(woven), 1, 100, 0.1));
  }

  @Test
  void forHeaderLine_runsAtTheInitialiserAndBeforeEveryIncrement() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", at("sum.for"), "total += 100;"));

    assertGolden("sum_forHeader", woven, "sum", "(I)I");
    assertEquals(Map.of("p1", 2), woven.splicePoints());
    Class<?> pricing = load(woven);
    assertEquals(0 + 1 + 2 + 4 * 100, call(pricing, null, "sum", new Class<?>[] {int.class}, 3));
    assertEquals(100, call(pricing, null, "sum", new Class<?>[] {int.class}, 0), "no iteration: the initialiser only");
  }

  @Test
  void loopBodyLine_runsOnEveryIteration_andSeesTheLoopVariable() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", at("sum.body"), "if (i == 1) total += 10;"));

    assertEquals(0 + 1 + 2 + 3 + 10, call(load(woven), null, "sum", new Class<?>[] {int.class}, 4));
  }

  @Test
  void finallyLine_runsOnTheNormalAndTheEarlyReturnPath() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", PRICING + ":" + SourceMarkers.line(Pricing.class, "guarded.finally"), "probe++;"));

    Class<?> pricing = load(woven);
    assertEquals(-1, call(pricing, null, "guarded", new Class<?>[] {int.class}, -1));
    assertEquals(1, staticInt(pricing, "probe"));
    assertEquals(20, call(pricing, null, "guarded", new Class<?>[] {int.class}, 5));
    assertEquals(2, staticInt(pricing, "probe"));
    assertEquals(2, staticInt(pricing, "finallyRuns"));
  }

  @Test
  void finallyLine_runsWhenTheTryBlockThrows() {
    WovenClass woven = weave(Pricing.class, patch("p1", PRICING + ":" + SourceMarkers.line(Pricing.class, "guarded.finally"), "probe++;"));

    Class<?> pricing = load(woven);
    assertThrows(ArithmeticException.class, () -> call(pricing, null, "guarded", new Class<?>[] {int.class}, 0));
    assertEquals(1, staticInt(pricing, "finallyRuns"));
    assertEquals(1, staticInt(pricing, "probe"), "BUG (LineMap): the finally block ran on the exception path, the snippet "
        + "spliced before its line did not (DESIGN §3: a copied finally block runs the snippet once per exit, whichever path)");
  }

  @Test
  void instanceMethod_seesFieldsSelfAndLocals() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", at("scaled.calls"), "calls += 10; result = result + self.base;"));

    assertGolden("scaled_instance", woven, "scaled", "(D)D");
    Class<?> pricing = load(woven);
    Object instance = pricing.getConstructor().newInstance();
    assertEquals(30.0, call(pricing, instance, "scaled", new Class<?>[] {double.class}, 2.0));
    assertEquals(11, pricing.getField("calls").getInt(instance));
  }

  @Test
  void constructorEntry_runsAfterTheSuperCall() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", PRICING + "#<init>(int):entry", "calls = 5; probe = (int) base + 1;"));

    assertGolden("init_entry", woven, "<init>", "(I)V");
    Class<?> pricing = load(woven);
    Object instance = pricing.getConstructor(int.class).newInstance(1);
    assertEquals(10, pricing.getField("calls").getInt(instance), "the parameter was 5 when the body ran");
    assertEquals(1, staticInt(pricing, "probe"), "before the field initialisers, which javac places after super()");
  }

  @Test
  void entryOfAStaticMethod_runsFirst() throws Throwable {
    WovenClass woven = weave(Pricing.class, patch("p1", PRICING + "#price:entry", "order = 100;"));

    assertGolden("price_entry", woven, "price", PRICE);
    assertEquals(190.0, price(load(woven), 1, 100, 0.1));
  }

  @Test
  void entrySnippet_reportsTheMethodsFirstLine() {
    WovenClass woven = weave(Pricing.class,
        patch("p1", PRICING + "#price:entry", "if (order < 0) throw new IllegalArgumentException(\"negative\");"));

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> price(load(woven), -1, 100, 0.1));
    assertEquals(SourceMarkers.line(Pricing.class, "price.discount"), thrown.getStackTrace()[0].getLineNumber(),
        "BUG (minor, ClassWeaver.weave): entry code of a method other than a constructor is inserted before the first "
        + "label, ahead of the first LINENUMBER (and of the parameters' LocalVariableTable ranges), so it reports no line; "
        + "DESIGN §3: the spliced code reports the line it was spliced before");
  }

  @Test
  void lambdaBody_isPatchedInItsSyntheticMethod() throws Throwable {
    int line = SourceMarkers.line(Pricing.class, "adder.lambda");
    WovenClass woven = weave(Pricing.class, patch("p1", PRICING + "#lambda$adder$0:" + line, "x = x * 10;"));

    IntUnaryOperator adder = (IntUnaryOperator) call(load(woven), null, "adder", new Class<?>[] {int.class}, 1);
    assertEquals(21, adder.applyAsInt(2));
  }

  @Test
  void defaultMethodOfAnInterface_callsTheInterfacesMethodsAsInterfaceCalls() throws Throwable {
    String target = Greeter.class.getName() + ":" + SourceMarkers.line(Greeter.class, "greet.text");
    WovenClass woven = weave(Greeter.class, patch("p1", target, "greeting = greeting + \" \" + name().toUpperCase();"));

    assertGolden("greet_interface", woven, "greet", "(Ljava/lang/String;)Ljava/lang/String;");
    Class<?> greeter = WovenLoader.load(Greeter.class.getName(), woven.bytes());
    InvocationHandler handler = (proxy, method, args) ->
        method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : "Ada";
    Object proxy = Proxy.newProxyInstance(greeter.getClassLoader(), new Class<?>[] {greeter}, handler);
    assertEquals("Hello ADA, Ada", call(greeter, proxy, "greet", new Class<?>[] {String.class}, "Hello"));
  }

  @Test
  void weaving_leavesTheOriginalBytesAlone() {
    byte[] original = ClassBytes.of(Pricing.class);
    byte[] copy = original.clone();
    PatchTarget target = PatchTarget.parse(at("price.total"));

    new ClassWeaver(LOADER).weave(original, List.of(SnippetCompiler.compile(Pricing.class, target, "probe++;").spec("p1", target, false)));

    assertArrayEquals(copy, original);
  }

  // ---- rejections ----

  @Test
  void snippetWithALambda_isRejected() {
    GraftException error = rejected(patch("p1", at("price.total"), "Runnable r = () -> probe++; r.run();"));

    // refused when compiled, where the position is known; the weaver refuses an invokedynamic too
    assertEquals("snippet:1:14: a lambda cannot be spliced (it would need a new method or class in the target); "
        + "call an existing method instead", error.getMessage());
  }

  @Test
  void wrapperWithAnInvokedynamicLambda_isRefusedByTheWeaverToo() {
    // a client compiles with its own checks; the weaver does not take a closure from any client
    PatchTarget target = PatchTarget.parse(at("price.total"));
    ClassNode wrapper = ClassBytes.node(SnippetCompiler.compile(Pricing.class, target, "probe++;").wrapper());
    MethodNode method = wrapper.methods.stream().filter(m -> m.name.equals(SnippetWrapper.METHOD)).findFirst().orElseThrow();
    Handle metafactory = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/LambdaMetafactory", "metafactory",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodType;"
            + "Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;", false);
    InsnList closure = new InsnList();
    closure.add(new InvokeDynamicInsnNode("run", "()Ljava/lang/Runnable;", metafactory));
    closure.add(new InsnNode(Opcodes.POP));
    method.instructions.insert(closure);
    ClassWriter writer = new ClassWriter(0);
    wrapper.accept(writer);

    GraftException error = assertThrows(GraftException.class,
        () -> new SnippetWrapper(writer.toByteArray(), Pricing.class.getName().replace('.', '/'), false));
    assertEquals("the snippet creates a lambda or method reference; that would need a new method in the target class. "
        + "Call an existing method instead", error.getMessage());
  }

  @Test
  void snippetWithAMethodReference_isRejected() {
    GraftException error = rejected(
        patch("p1", at("price.total"), "java.util.function.IntUnaryOperator f = Pricing::twice; order = f.applyAsInt(order);"));

    assertEquals(ExitCodes.REJECTED, error.exitCode());
    assertEquals("snippet:1:41: a method reference cannot be spliced (it would need a new method or class in the target); "
        + "call an existing method instead", error.getMessage());
  }

  @Test
  void snippetCompiledForAStaticMethod_doesNotFitAnInstanceMethod() {
    PatchTarget staticTarget = PatchTarget.parse(at("price.total"));
    PatchTarget instanceTarget = PatchTarget.parse(at("scaled.calls"));
    SpliceSpec spec = new SpliceSpec("p1", instanceTarget,
        SnippetCompiler.compile(Pricing.class, staticTarget, "probe++;").wrapper(), List.of("factor", "result"), false);

    GraftException error = assertThrows(GraftException.class, () -> new ClassWeaver(LOADER).weave(ClassBytes.of(Pricing.class), List.of(spec)));

    assertEquals("the compiled snippet does not fit " + instanceTarget + " (static/instance mismatch); recompile it", error.getMessage());
    assertEquals(ExitCodes.REJECTED, error.exitCode());
  }

  @Test
  void snippetTakingOtherLocalsThanNamed_isRejected() {
    PatchTarget target = PatchTarget.parse(at("price.return"));
    SnippetCompiler.Compiled compiled = SnippetCompiler.compile(Pricing.class, target, "probe++;");
    SpliceSpec spec = new SpliceSpec("p1", target, compiled.wrapper(), compiled.localNames().subList(0, 3), false);

    GraftException error = assertThrows(GraftException.class, () -> new ClassWeaver(LOADER).weave(ClassBytes.of(Pricing.class), List.of(spec)));

    assertEquals("the compiled snippet takes 5 parameters, but 3 locals were named; recompile it", error.getMessage());
  }

  @Test
  void targetWithoutCode_isRejectedBeforeAnythingIsCompiledIn() {
    PatchTarget good = PatchTarget.parse(at("price.total"));
    SpliceSpec first = SnippetCompiler.compile(Pricing.class, good, "probe++;").spec("p1", good, false);
    PatchTarget bad = PatchTarget.parse(PRICING + ":" + SourceMarkers.line(Pricing.class, "sum.close"));
    SpliceSpec second = new SpliceSpec("p2", bad, first.wrapperClass(), List.of(), false);

    GraftException error = assertThrows(GraftException.class,
        () -> new ClassWeaver(LOADER).weave(ClassBytes.of(Pricing.class), List.of(first, second)));

    assertEquals(ExitCodes.REJECTED, error.exitCode());
    assertTrue(error.getMessage().contains("has no code; nearest lines with code"), error.getMessage());
  }

  // ---- helpers ----

  private record Patch(String id, String target, String snippet, boolean propagate) {}

  private static Patch patch(String id, String target, String snippet) {
    return new Patch(id, target, snippet, false);
  }

  private static String at(String marker) {
    return PRICING + ":" + SourceMarkers.line(Pricing.class, marker);
  }

  private static WovenClass weave(Class<?> type, Patch... patches) {
    WovenClass woven = weaveUnchecked(type, patches);
    assertVerifies(woven.bytes());
    return woven;
  }

  private static WovenClass weaveUnchecked(Class<?> type, Patch... patches) {
    List<SpliceSpec> specs = new ArrayList<>();
    for (Patch patch : patches) {
      PatchTarget target = PatchTarget.parse(patch.target());
      specs.add(SnippetCompiler.compile(type, target, patch.snippet()).spec(patch.id(), target, patch.propagate()));
    }
    return new ClassWeaver(LOADER).weave(ClassBytes.of(type), specs);
  }

  private static GraftException rejected(Patch patch) {
    return assertThrows(GraftException.class, () -> weave(Pricing.class, patch));
  }

  /** ASM's CheckClassAdapter over the whole woven class: it prints nothing for a class that verifies. */
  private static void assertVerifies(byte[] classFile) {
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(classFile), LOADER, false, new PrintWriter(problems));
    assertEquals("", problems.toString(), "CheckClassAdapter rejects the woven class");
  }

  private static void assertGolden(String name, WovenClass woven, String method, String descriptor) {
    GoldenFiles.assertMatches(name, BytecodeText.ofMethod(woven.bytes(), method, descriptor));
  }

  private static Class<?> load(WovenClass woven) {
    return WovenLoader.load(PRICING, woven.bytes());
  }

  private static double price(Class<?> pricing, int order, double amount, double rate) throws Throwable {
    return (double) call(pricing, null, "price", new Class<?>[] {int.class, double.class, double.class}, order, amount, rate);
  }

  private static Object call(Class<?> type, Object instance, String name, Class<?>[] parameters, Object... args) throws Throwable {
    Method method = type.getMethod(name, parameters);
    try {
      return method.invoke(instance, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static int staticInt(Class<?> type, String field) {
    try {
      return type.getField(field).getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(field + " of " + type + " (" + Arrays.toString(type.getFields()) + ")", e);
    }
  }
}
