package dev.graft.compile;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Rejects what cannot be spliced: lambdas, method references, anonymous and local classes would each
 * need a new method or class in the target, and a retransformation cannot add either.
 */
final class SnippetChecks extends TreePathScanner<Void, Void> {
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final List<String> problems = new ArrayList<>();
  private final List<long[]> thrownSpans = new ArrayList<>();
  private int classDepth;

  private SnippetChecks(CompilationUnitTree unit, SourcePositions positions) {
    this.unit = unit;
    this.positions = positions;
  }

  /** Scans one parsed wrapper. */
  static SnippetChecks of(CompilationUnitTree unit, SourcePositions positions) {
    SnippetChecks checks = new SnippetChecks(unit, positions);
    try {
      checks.scan(unit, null);
    } catch (StackOverflowError e) {
      // the scan recurses over javac's tree as javac itself does: a tree too deep for one is too deep for the other
      throw new JavacCrash(e);
    }
    return checks;
  }

  /** Problems as "line:column: what", in snippet coordinates. */
  List<String> problems() {
    return problems;
  }

  /** Start and end offsets, in the wrapper's text, of the value of every throw statement. */
  List<long[]> thrownSpans() {
    return thrownSpans;
  }

  @Override
  public Void visitThrow(ThrowTree node, Void unused) {
    if (node.getExpression().toString().startsWith(dev.graft.weave.SnippetWrapper.CONTINUE + "(")) {
      return super.visitThrow(node, unused); // the wrapper's own end marker, not the user's
    }
    thrownSpans.add(new long[] {positions.getStartPosition(unit, node.getExpression()), positions.getEndPosition(unit, node.getExpression())});
    return super.visitThrow(node, unused);
  }

  @Override
  public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
    report(node, "a lambda");
    return super.visitLambdaExpression(node, unused);
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree node, Void unused) {
    report(node, "a method reference");
    return super.visitMemberReference(node, unused);
  }

  @Override
  public Void visitNewClass(NewClassTree node, Void unused) {
    if (node.getClassBody() != null) {
      report(node, "an anonymous class");
      scan(node.getArguments(), unused);
      return null; // its body is a class declaration: one report is enough
    }
    return super.visitNewClass(node, unused);
  }

  @Override
  public Void visitClass(ClassTree node, Void unused) {
    classDepth++;
    try {
      if (classDepth > 1) {
        report(node, "a local class");
      }
      return super.visitClass(node, unused);
    } finally {
      classDepth--;
    }
  }

  private void report(Tree node, String what) {
    long position = positions.getStartPosition(unit, node);
    long line = unit.getLineMap().getLineNumber(position) - SnippetSource.FIRST_SNIPPET_LINE + 1;
    long column = unit.getLineMap().getColumnNumber(position);
    problems.add(line + ":" + column + ": " + what + " cannot be spliced (it would need a new method or class in the target); "
        + "call an existing method instead");
  }
}
