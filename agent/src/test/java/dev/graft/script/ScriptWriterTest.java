package dev.graft.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code graft list --script} writes is what the script parser reads back, statement for statement. */
class ScriptWriterTest {
  private static ScriptStatement readBack(String text) {
    List<ScriptStatement> statements = new ScriptParser("live.graft", text).parse();
    assertEquals(1, statements.size(), text);
    return statements.get(0);
  }

  @Test
  void oneLineInject_isIndentedInItsBlock_andReadsBackTheSame() {
    String text = ScriptWriter.statement("inject", "com.acme.Shop:42", List.of(), "if (rate > 0.5) rate = 0.5;");
    assertEquals("inject com.acme.Shop:42 {\n    if (rate > 0.5) rate = 0.5;\n}\n", text);
    ScriptStatement read = readBack(text);
    assertEquals("inject", read.kind());
    assertEquals("com.acme.Shop:42", read.target());
    assertEquals("if (rate > 0.5) rate = 0.5;", read.code().strip());
  }

  @Test
  void blockWithBracesInStrings_andOptions_readsBackTheSame() {
    String code = "if (thrown != null) {\n  System.out.println(\"} not the end {\");\n}";
    String text = ScriptWriter.statement("inject", "com.acme.Shop#checkout:exit", List.of("--propagate", "--on-throw"), code);
    ScriptStatement read = readBack(text);
    assertEquals(List.of("--propagate", "--on-throw"), read.options());
    assertEquals(code, read.code().strip());
  }

  @Test
  void rebind_withItsIndex_readsBackTheSame() {
    String text = ScriptWriter.statement("rebind", "com.acme.Shop:57", List.of("--index", "1"), "threshold = limit(\"a;b\")");
    assertEquals("rebind com.acme.Shop:57 --index 1 threshold = limit(\"a;b\");\n", text);
    ScriptStatement read = readBack(text);
    assertEquals(List.of("--index", "1"), read.options());
    assertEquals("threshold = limit(\"a;b\")", read.code());
  }
}
