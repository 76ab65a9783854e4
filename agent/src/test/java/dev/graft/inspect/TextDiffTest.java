package dev.graft.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextDiffTest {

  @Test
  void sameText_hasAnEmptyDiff() {
    assertEquals("", TextDiff.unified("before", "a\nb\n", "after", "a\nb\n"));
  }

  @Test
  void changedLine_isShownWithThreeLinesOfContext() {
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";

    assertEquals(String.join("\n",
        "--- original",
        "+++ patched",
        "@@ -2,7 +2,7 @@",
        " 2",
        " 3",
        " 4",
        "-5",
        "+five",
        " 6",
        " 7",
        " 8",
        ""), TextDiff.unified("original", before, "patched", after));
  }

  @Test
  void insertedLines_areAdded() {
    assertEquals(String.join("\n",
        "--- a",
        "+++ b",
        "@@ -1,2 +1,4 @@",
        " x",
        "+new 1",
        "+new 2",
        " y",
        ""), TextDiff.unified("a", "x\ny\n", "b", "x\nnew 1\nnew 2\ny\n"));
  }
}
