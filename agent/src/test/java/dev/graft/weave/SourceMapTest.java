package dev.graft.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceMapTest {
  /** What kotlinc 2.2 wrote for samples/kotlin's MainKt: lines 78-79 are the inline function scaled (49-50), twice. */
  private static final String KOTLINC = "SMAP\nMain.kt\nKotlin\n*S Kotlin\n*F\n+ 1 Main.kt\ndev/graft/samples/kotlin/MainKt\n"
      + "+ 2 fake.kt\nkotlin/jvm/internal/FakeKt\n*L\n1#1,76:1\n49#1,2:78\n1#2:77\n*S KotlinDebug\n*F\n+ 1 Main.kt\n"
      + "dev/graft/samples/kotlin/MainKt\n*L\n53#1:78,2\n*E\n";

  @Test
  void outputLines_mapToTheFileAndLineTheyCameFrom_inTheFirstStratumOnly() {
    SourceMap map = SourceMap.parse(KOTLINC);
    assertEquals(new SourceMap.Origin("Main.kt", "dev/graft/samples/kotlin/MainKt", 12), map.origin(12));
    assertEquals("Main.kt:49", map.origin(78).toString());
    assertEquals("Main.kt:50", map.origin(79).toString());
    assertEquals("fake.kt:1", map.origin(77).toString());
    assertNull(map.origin(80));
  }

  @Test
  void copiesOf_aLine_areTheOutputLinesPastTheFileThatHoldIt() {
    SourceMap map = SourceMap.parse(KOTLINC);
    assertEquals(List.of(79), map.copiesOf("dev/graft/samples/kotlin", "Main.kt", 50));
    assertEquals(List.of(), map.copiesOf("dev/graft/other", "Main.kt", 50), "another package's Main.kt");
    assertEquals(List.of(), map.copiesOf("dev/graft/samples/kotlin", "Main.kt", 12), "a line no inline function holds");
  }

  @Test
  void repeatCountsAndIncrements_coverEveryOutputLine() {
    SourceMap map = SourceMap.parse("SMAP\nA.kt\nKotlin\n*S Kotlin\n*F\n1 A.kt\n*L\n10,2:100,3\n*E\n");
    assertEquals(10, map.origin(100).line());
    assertEquals(10, map.origin(102).line());
    assertEquals(11, map.origin(103).line());
    assertEquals(11, map.origin(105).line());
    assertNull(map.origin(106));
  }

  @Test
  void somethingElse_isNoMap() {
    assertNull(SourceMap.parse(null));
    assertNull(SourceMap.parse("not an smap"));
    assertNull(SourceMap.parse("SMAP\nA.kt\nKotlin\n*S Kotlin\n*F\n1 A.kt\n*L\nx#y:z\n*E\n"));
  }
}
