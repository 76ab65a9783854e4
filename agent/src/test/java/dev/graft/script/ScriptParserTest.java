package dev.graft.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.graft.protocol.GraftException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParserTest {
  private static List<ScriptStatement> parse(String text) {
    return new ScriptParser("fix.graft", text).parse();
  }

  private static String error(String text) {
    GraftException e = assertThrows(GraftException.class, () -> parse(text));
    assertEquals(1, e.exitCode());
    return e.getMessage();
  }

  @Test
  void parse_designExample_givesThreePatchesWithPositions() {
    List<ScriptStatement> statements = parse("""
        inject com.acme.Shop:42 {
            if (rate > 0.5) rate = 0.5;
        }
        rebind com.acme.Shop:57 threshold = 10;
        rebind com.acme.Shop#checkout com.acme.Config.RATE = 0.2;
        """);
    assertEquals(3, statements.size());
    ScriptStatement inject = statements.get(0);
    assertEquals("inject", inject.kind());
    assertEquals("com.acme.Shop:42", inject.target());
    assertEquals("\n    if (rate > 0.5) rate = 0.5;\n", inject.code());
    assertEquals(1, inject.line());
    assertEquals(1, inject.codeLine());
    assertEquals(26, inject.codeColumn());
    assertEquals("threshold = 10", statements.get(1).code());
    assertEquals("com.acme.Shop#checkout", statements.get(2).target());
    assertEquals("com.acme.Config.RATE = 0.2", statements.get(2).code());
    assertEquals(5, statements.get(2).line());
  }

  @Test
  void bracesInStringsCharsCommentsAndTextBlocks_doNotEndTheBlock() {
    String code = " String s = \"}{\\\"}\"; char c = '}'; char q = '\\''; /* } */ // }\n String t = \"\"\"\n  }\n  \"\"\"; ";
    List<ScriptStatement> statements = parse("inject A:1 {" + code + "}\ninject B:2 { }");
    assertEquals(2, statements.size());
    assertEquals(code, statements.get(0).code());
    assertEquals("B:2", statements.get(1).target());
  }

  @Test
  void nestedBlocks_areKept() {
    assertEquals(" if (a) { b(); } ", parse("inject A:1 { if (a) { b(); } }").get(0).code());
  }

  @Test
  void hashComments_areSkippedBetweenStatements_butTargetsMayHoldHashes() {
    List<ScriptStatement> statements = parse("# a comment\ninject A#run:entry { x(); } # trailing\n# last");
    assertEquals(1, statements.size());
    assertEquals("A#run:entry", statements.get(0).target());
  }

  @Test
  void options_afterTheTarget() {
    ScriptStatement inject = parse("inject A:1 --propagate { x(); }").get(0);
    assertEquals(List.of("--propagate"), inject.options());
    ScriptStatement rebind = parse("rebind A:3 --index 1 x = 2;").get(0);
    assertEquals(List.of("--index", "1"), rebind.options());
    assertEquals("x = 2", rebind.code());
  }

  @Test
  void loaderOptions_nameTheLoaderPerStatement() {
    ScriptStatement byName = parse("inject A:1 --loader LaunchedClassLoader { x(); }").get(0);
    assertEquals("LaunchedClassLoader", byName.loader());
    assertEquals("x();", byName.code().strip());
    assertEquals("of:com.acme.Main", parse("rebind A:3 --loader-of com.acme.Main x = 2;").get(0).loader());
    assertEquals(null, parse("inject A:1 { x(); }").get(0).loader());
    assertEquals("fix.graft:1:12: --loader needs a value, found '{'", error("inject A:1 --loader { x(); }"));
  }

  @Test
  void rebindExpression_mayHoldSemicolonsInStringsAndParentheses() {
    assertEquals("name = \"a;b\" + f(1, \";\")", parse("rebind A:1 name = \"a;b\" + f(1, \";\");").get(0).code());
  }

  @Test
  void unknownKeyword_isNamedWithItsPosition() {
    assertEquals("fix.graft:2:3: expected 'inject' or 'rebind', found 'patch'", error("\n  patch A:1 { }"));
  }

  @Test
  void unclosedBlock_pointsAtItsBrace() {
    assertEquals("fix.graft:1:12: the '{' opened here is never closed", error("inject A:1 { if (x) { y(); }"));
  }

  @Test
  void injectWithoutBlock_isAnError() {
    assertEquals("fix.graft:1:12: expected '{' to open the Java block of the inject at 1:1", error("inject A:1 x = 1;"));
  }

  @Test
  void rebindWithoutSemicolon_isAnError() {
    assertEquals("fix.graft:1:1: the rebind that starts here has no ';' at its end", error("rebind A:1 x = 1"));
  }

  @Test
  void rebindWithoutBinding_isAnError() {
    assertEquals("fix.graft:1:12: expected NAME = EXPR (or OWNER.FIELD = EXPR) after the rebind's target", error("rebind A:1 x;"));
  }

  @Test
  void unclosedString_isAnError() {
    assertEquals("fix.graft:1:14: unclosed string literal", error("inject A:1 { \"abc\n }"));
  }

  @Test
  void unknownOption_isAnError() {
    assertEquals("fix.graft:1:12: unknown option --fast (a script knows --propagate, --on-throw, --index K, --loader ID|NAME and --loader-of CLASS)", error("inject A:1 --fast { }"));
  }

  @Test
  void missingTarget_isAnError() {
    assertEquals("fix.graft:1:1: inject needs a target, e.g. inject com.acme.Shop:42", error("inject { }"));
  }

  @Test
  void positionInCode_mapsSnippetLinesToScriptLines() {
    ScriptStatement inject = parse("\n\ninject A:1 {\n  x = 1;\n  y = 2; }").get(0);
    assertEquals("f:4:3", inject.positionInCode("f", 2, 3));
    assertEquals("f:3:13", inject.positionInCode("f", 1, 1));
  }
}
