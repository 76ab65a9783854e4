package dev.graft.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.compile.targets.Cashier;
import dev.graft.compile.targets.Ledger;
import dev.graft.compile.targets.Teller;
import dev.graft.protocol.PatchTarget;
import dev.graft.testing.ClassBytes;
import dev.graft.testing.SnippetCompiler;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

/** javac contexts kept between compiles: each compile still gets its own classes out, and sees its targets right. */
class ReusedJavacContextsTest {
  private static final PatchTarget PAY = PatchTarget.parse(Teller.class.getName() + "#pay:entry");
  private static final PatchTarget TOTAL = PatchTarget.parse(Ledger.class.getName() + "#total:entry");

  private final JavacTasks contexts = ReusedJavacContexts.open(ByteBuddyAgent.install());

  @Test
  void thisJdk_hasTheTaskPool() {
    assertTrue(contexts.keepsContexts(), "jdk.compiler's JavacTaskPool is reachable once exported to graft");
  }

  @Test
  void snippetsCompiledOneAfterAnother_eachGetTheirOwnWrapper() {
    // a kept context holds the file manager it was first given: each compile's classes must still reach its own
    for (String snippet : List.of("amount = amount + 1;", "amount = amount * 2;", "amount = -amount;")) {
      ClassNode wrapper = ClassBytes.node(SnippetCompiler.compile(contexts, Teller.class, PAY, snippet).wrapper());
      assertEquals(Teller.class.getName().replace('.', '/'), wrapper.superName, snippet);
    }
  }

  @Test
  void aClassReadPlainByOneCompile_isATargetWithItsAccessibleViewInTheNext() {
    // the first compile reads Ledger as it is (balance private); the second targets Ledger and reads balance.
    // Contexts are kept per set of target classes for this; a rejection from a kept context is also
    // confirmed by a new one (each alone passes this test; without both it fails)
    assertCompiles(Teller.class, PAY, "amount = amount + ledger.total(1);", "total");
    assertCompiles(Ledger.class, TOTAL, "x = x + balance;", "balance");
    assertCompiles(Teller.class, PAY, "amount = amount + ledger.total(2);", "total");
  }

  @Test
  void aRejectedSnippet_leavesTheNextCompileWorking() {
    RuntimeException rejected = assertThrows(RuntimeException.class, () -> SnippetCompiler.compile(contexts, Teller.class, PAY, "amount = nothing;"));
    assertTrue(rejected.getMessage().contains("cannot find symbol"), rejected.getMessage());
    assertCompiles(Teller.class, PAY, "amount = amount + 1;", null);
  }

  @Test
  void contexts_areKeptSixtySecondsAfterTheLastCompile_thenDropped() {
    long[] now = {1_000_000};
    ReusedJavacContexts timed = (ReusedJavacContexts) ReusedJavacContexts.open(ByteBuddyAgent.install(), () -> now[0]);
    SnippetCompiler.compile(timed, Teller.class, PAY, "amount = amount + 1;");
    assertEquals(1, timed.kept());
    now[0] += 30_000;
    SnippetCompiler.compile(timed, Teller.class, PAY, "amount = amount + 2;"); // a compile starts the minute again
    now[0] += ReusedJavacContexts.KEEP_MILLIS;
    assertFalse(timed.dropIfIdle(ReusedJavacContexts.KEEP_MILLIS), "a minute to the millisecond after the last compile: kept");
    assertEquals(1, timed.kept());
    now[0] += 1;
    assertTrue(timed.dropIfIdle(ReusedJavacContexts.KEEP_MILLIS), "past the minute: dropped");
    assertEquals(0, timed.kept());
    assertEquals(60_000, ReusedJavacContexts.KEEP_MILLIS, "the minute the README promises");
  }

  @Test
  void droppedContexts_areBuiltAgain() {
    assertCompiles(Teller.class, PAY, "amount = amount + 1;", null);
    contexts.forget();
    assertCompiles(Teller.class, PAY, "amount = amount + 2;", null);
    contexts.dropIfIdle(0);
    assertCompiles(Teller.class, PAY, "amount = amount + 3;", null);
  }

  @Test
  void aSnippetPastedFromTheSource_compilesWithTheSourcesSimpleNames() {
    PatchTarget ring = PatchTarget.parse(Cashier.class.getName() + "#ring:entry");
    assertCompiles(Cashier.class, ring, "LongAdder extra = new LongAdder(); Map.Entry<String, Integer> none = null; long zero = Duration.ZERO.toMillis();", "toMillis");
  }

  @Test
  void anAmbiguousSimpleName_isRejected_namingTheCandidates() {
    PatchTarget ring = PatchTarget.parse(Cashier.class.getName() + "#ring:entry");
    RuntimeException rejected = assertThrows(RuntimeException.class, () -> SnippetCompiler.compile(contexts, Cashier.class, ring, "List<String> copy = items;"));
    assertTrue(rejected.getMessage().contains("List is ambiguous: " + Cashier.class.getName() + " refers to java.awt.List and java.util.List; write the one you mean in full"),
        rejected.getMessage());
  }

  /** The snippet compiled into a wrapper of {@code target} whose code refers to {@code member} (when not null). */
  private void assertCompiles(Class<?> target, PatchTarget where, String snippet, String member) {
    ClassNode wrapper = ClassBytes.node(SnippetCompiler.compile(contexts, target, where, snippet).wrapper());
    assertEquals(target.getName().replace('.', '/'), wrapper.superName, snippet);
    if (member != null) {
      boolean refers = wrapper.methods.stream().flatMap(method -> java.util.Arrays.stream(method.instructions.toArray()))
          .anyMatch(insn -> insn instanceof FieldInsnNode field && field.name.equals(member)
              || insn instanceof MethodInsnNode call && call.name.equals(member));
      assertTrue(refers, snippet + " compiled to code that uses " + member);
    }
  }
}
