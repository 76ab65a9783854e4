package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.graft.protocol.PatchTarget;
import dev.graft.testing.ClassBytes;
import dev.graft.testing.SnippetCompiler;
import dev.graft.testing.SourceMarkers;
import dev.graft.testing.WovenLoader;
import dev.graft.weave.targets.Pricing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** The guard woven before a patch with a lifetime: it runs the code while runs are left, and never fails the method. */
class HitGuardTest {
  private static final ClassLoader LOADER = HitGuardTest.class.getClassLoader();

  @AfterEach
  void forgetCounters() {
    System.getProperties().remove(HitGuard.keyFor("p1", true));
    System.getProperties().remove(HitGuard.keyFor("p1", false));
  }

  /** {@code total = total * 2} at price's return, guarded by {@code key}. */
  private static Class<?> guardedPricing(String key) {
    PatchTarget target = PatchTarget.parse(Pricing.class.getName() + ":" + SourceMarkers.line(Pricing.class, "price.return"));
    SnippetCompiler.Compiled compiled = SnippetCompiler.compile(Pricing.class, target, "total = total * 2;");
    SpliceSpec spec = new SpliceSpec("p1", target, compiled.wrapper(), compiled.localNames(), false, null, key, false);
    byte[] woven = new ClassWeaver(LOADER).weave(ClassBytes.of(Pricing.class), List.of(spec)).bytes();
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(woven), LOADER, false, new PrintWriter(problems));
    assertEquals("", problems.toString());
    return WovenLoader.load(Pricing.class.getName(), woven);
  }

  private static double price(Class<?> pricing) throws ReflectiveOperationException {
    return (double) pricing.getMethod("price", int.class, double.class, double.class).invoke(null, 1, 100, 0.1);
  }

  @Test
  void countedGuard_runsTheCodeWhileRunsAreLeft_thenSkipsIt() throws ReflectiveOperationException {
    AtomicLong left = new AtomicLong(2);
    System.getProperties().put(HitGuard.keyFor("p1", true), left);
    Class<?> pricing = guardedPricing(HitGuard.keyFor("p1", true));
    assertEquals(181.0, price(pricing));
    assertEquals(181.0, price(pricing));
    assertEquals(91.0, price(pricing), "its two runs are used: the line's own code only");
    assertEquals(-1, left.get(), "every run takes one, also those past the last");
  }

  @Test
  void timedGuard_onlyReadsItsCounter_andStopsWhenTheAgentZeroesIt() throws ReflectiveOperationException {
    AtomicLong left = new AtomicLong(Long.MAX_VALUE);
    System.getProperties().put(HitGuard.keyFor("p1", false), left);
    Class<?> pricing = guardedPricing(HitGuard.keyFor("p1", false));
    assertEquals(181.0, price(pricing));
    assertEquals(Long.MAX_VALUE, left.get(), "nothing to count with --for alone");
    left.set(0); // the deadline
    assertEquals(91.0, price(pricing));
  }

  @Test
  void missingCounter_skipsTheCode_withoutFailingTheMethod() throws ReflectiveOperationException {
    assertEquals(91.0, price(guardedPricing(HitGuard.keyFor("p1", true))));
  }
}
