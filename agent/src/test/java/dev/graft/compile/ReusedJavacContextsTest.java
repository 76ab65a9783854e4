package dev.graft.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.compile.targets.Ledger;
import dev.graft.compile.targets.Teller;
import dev.graft.protocol.PatchTarget;
import dev.graft.testing.ClassBytes;
import dev.graft.testing.SnippetCompiler;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;

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
    SnippetCompiler.compile(contexts, Teller.class, PAY, "amount = amount + ledger.total(1);");
    SnippetCompiler.compile(contexts, Ledger.class, TOTAL, "x = x + balance;");
    SnippetCompiler.compile(contexts, Teller.class, PAY, "amount = amount + ledger.total(2);");
  }

  @Test
  void aRejectedSnippet_leavesTheNextCompileWorking() {
    try {
      SnippetCompiler.compile(contexts, Teller.class, PAY, "amount = nothing;");
    } catch (RuntimeException expected) {
      assertTrue(expected.getMessage().contains("cannot find symbol"), expected.getMessage());
    }
    SnippetCompiler.compile(contexts, Teller.class, PAY, "amount = amount + 1;");
  }

  @Test
  void droppedContexts_areBuiltAgain() {
    SnippetCompiler.compile(contexts, Teller.class, PAY, "amount = amount + 1;");
    contexts.forget();
    SnippetCompiler.compile(contexts, Teller.class, PAY, "amount = amount + 2;");
    contexts.dropIfIdle(0);
    SnippetCompiler.compile(contexts, Teller.class, PAY, "amount = amount + 3;");
  }
}
