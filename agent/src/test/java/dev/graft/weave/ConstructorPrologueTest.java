package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.protocol.GraftException;
import dev.graft.protocol.PatchTarget;
import dev.graft.testing.ClassBytes;
import dev.graft.testing.SnippetCompiler;
import dev.graft.testing.SourceMarkers;
import dev.graft.testing.WovenLoader;
import dev.graft.weave.targets.Tally;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Code before a constructor's super(...) call runs on an object not initialised yet: JDK 17's javac puts an
 * inner class's store of its outer instance there (Java 25 adds whole statements, JEP 513). A snippet there
 * has no self; one that needs none is spliced and runs.
 */
class ConstructorPrologueTest {
  private static final Class<?> ENTRY = Tally.Entry.class;

  @Test
  void linesBeforeTheSuperCall_holdThePrologue_linesAfterItAndEntryDoNot() {
    assertTrue(holds(at("entryDeclaration")));
    assertTrue(holds(at("superCall")));
    assertFalse(holds(at("afterSuper")));
    assertFalse(holds(PatchTarget.parse(ENTRY.getName() + "#<init>:entry")));
    assertFalse(holds(at("doubled")), "not a constructor");
  }

  @Test
  void selfBeforeTheSuperCall_isRefusedWithTheReason() {
    GraftException refused = assertThrows(GraftException.class, () -> SnippetCompiler.compile(ENTRY, at("superCall"), "int peek = self.n;"));
    assertTrue(refused.getMessage().contains("symbol:   variable self\n  " + ConstructorPrologue.NO_OBJECT), refused.getMessage());
    GraftException field = assertThrows(GraftException.class, () -> SnippetCompiler.compile(ENTRY, at("superCall"), "int peek = this.n;"));
    assertTrue(field.getMessage().contains("static context\n  " + ConstructorPrologue.NO_OBJECT), field.getMessage());
  }

  @Test
  void aSnippetUsingOnlyLocals_beforeTheSuperCall_runs() throws ReflectiveOperationException {
    PatchTarget where = at("superCall");
    WovenClass woven = new ClassWeaver(getClass().getClassLoader())
        .weave(ClassBytes.of(ENTRY), List.of(SnippetCompiler.compile(ENTRY, where, "n = n * 10;").spec("1", where, false)));
    Class<?> entry = WovenLoader.load(ENTRY.getName(), woven.bytes());
    Object made = entry.getConstructor(Tally.class, int.class).newInstance(new Tally(), 2);
    assertEquals(21, entry.getField("n").getInt(made), "2 * 10, then + base");
  }

  @Test
  void aReturnBeforeTheSuperCall_isRefused() {
    PatchTarget where = at("superCall");
    SpliceSpec spec = SnippetCompiler.compile(ENTRY, where, "if (n < 0) return;").spec("1", where, false);
    GraftException refused = assertThrows(GraftException.class,
        () -> new ClassWeaver(getClass().getClassLoader()).weave(ClassBytes.of(ENTRY), List.of(spec)));
    assertTrue(refused.getMessage().startsWith("the snippet returns from the constructor before its super(...) or this(...) call"),
        refused.getMessage());
  }

  private static PatchTarget at(String marker) {
    return PatchTarget.parse(ENTRY.getName() + ":" + SourceMarkers.line(Tally.class, marker));
  }

  private static boolean holds(PatchTarget target) {
    ResolvedSite site = new TargetResolver(ClassBytes.node(ENTRY)).resolve(target);
    return ConstructorPrologue.holdsAny(site.method(), site.points());
  }
}
