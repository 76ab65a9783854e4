package dev.graft.weave;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InnerClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The closures a class creates at a source line: lambdas (an invokedynamic of LambdaMetafactory whose
 * implementation is a synthetic body of the class: javac's {@code lambda$m$N}, kotlinc's {@code m$lambda$N}),
 * method references (the same, pointing elsewhere), and anonymous or local classes (a {@code new} of one
 * of the class's own inner classes that has no member name; kotlinc's lambda classes are such classes).
 */
public final class ClosureFinder {
  private static final String LAMBDA_FACTORY = "java/lang/invoke/LambdaMetafactory";
  private static final String LAMBDA_PREFIX = "lambda$"; // javac: lambda$method$N
  private static final String KOTLIN_LAMBDA_INFIX = "$lambda$"; // kotlinc 2: method$lambda$N

  /** What kind of closure. */
  public enum Kind { LAMBDA, METHOD_REFERENCE, ANONYMOUS_CLASS, LOCAL_CLASS }

  /**
   * One closure created at the line.
   *
   * @param body for a lambda, the body method (name + descriptor); for a class, its internal name; for a
   *     method reference, what it refers to
   */
  public record Closure(Kind kind, String body, boolean implementationIsStatic) {
    public String describe() {
      return switch (kind) {
        case LAMBDA -> "a lambda (body " + body.substring(0, body.indexOf('(')) + ")";
        case METHOD_REFERENCE -> "a method reference (" + body + ")";
        case ANONYMOUS_CLASS -> "an anonymous class (" + body.replace('/', '.') + ")";
        case LOCAL_CLASS -> "a local class (" + body.replace('/', '.') + ")";
      };
    }
  }

  private final ClassNode type;

  public ClosureFinder(ClassNode type) {
    this.type = type;
  }

  /**
   * The closures at a source line: the lambdas whose body begins on it (in a fluent chain javac puts the
   * invokedynamic on the chain's first line, while the user sees, and {@code show} lists, the body's line);
   * else every closure created on it.
   */
  public List<Closure> at(int line) {
    List<Closure> byBody = new ArrayList<>();
    List<Closure> created = new ArrayList<>();
    forEachClosure((closureLine, closure) -> {
      if (closure.kind() == Kind.LAMBDA && bodyLine(closure) == line) {
        byBody.add(closure);
      }
      if (closureLine == line) {
        created.add(closure);
      }
    });
    return byBody.isEmpty() ? created : byBody;
  }

  /** Lines of the class that create closures other than method references, or hold a lambda's first line, for error messages. */
  public TreeSet<Integer> linesWithClosures() {
    TreeSet<Integer> lines = new TreeSet<>();
    forEachClosure((line, closure) -> {
      if (closure.kind() != Kind.METHOD_REFERENCE && line > 0) {
        lines.add(line);
      }
      if (closure.kind() == Kind.LAMBDA && bodyLine(closure) > 0) {
        lines.add(bodyLine(closure));
      }
    });
    return lines;
  }

  /** The first source line of a lambda's body method; -1 without line numbers. */
  private int bodyLine(Closure lambda) {
    for (MethodNode method : type.methods) {
      if ((method.name + method.desc).equals(lambda.body())) {
        for (AbstractInsnNode insn : method.instructions) {
          if (insn instanceof LineNumberNode lineNode) {
            return lineNode.line;
          }
        }
      }
    }
    return -1;
  }

  /** Every closure the class creates, with the source line it is created on (-1 without line numbers). */
  private void forEachClosure(BiConsumer<Integer, Closure> action) {
    for (MethodNode method : type.methods) {
      int current = -1;
      for (AbstractInsnNode insn : method.instructions) {
        if (insn instanceof LineNumberNode lineNode) {
          current = lineNode.line;
        } else {
          Closure closure = closureAt(insn);
          if (closure != null) {
            action.accept(current, closure);
          }
        }
      }
    }
  }

  private static boolean isLambdaBody(String name) {
    return name.startsWith(LAMBDA_PREFIX) || name.contains(KOTLIN_LAMBDA_INFIX);
  }

  private Closure closureAt(AbstractInsnNode insn) {
    if (insn instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals(LAMBDA_FACTORY) && indy.bsmArgs.length > 1
        && indy.bsmArgs[1] instanceof Handle implementation) {
      boolean isStatic = implementation.getTag() == Opcodes.H_INVOKESTATIC;
      if (implementation.getOwner().equals(type.name) && isLambdaBody(implementation.getName())) {
        return new Closure(Kind.LAMBDA, implementation.getName() + implementation.getDesc(), isStatic);
      }
      return new Closure(Kind.METHOD_REFERENCE,
          implementation.getOwner().replace('/', '.') + "::" + implementation.getName(), isStatic);
    }
    if (insn.getOpcode() == Opcodes.NEW && insn instanceof TypeInsnNode created) {
      for (InnerClassNode inner : type.innerClasses) {
        if (inner.name.equals(created.desc) && inner.outerName == null) {
          return new Closure(inner.innerName == null ? Kind.ANONYMOUS_CLASS : Kind.LOCAL_CLASS, created.desc, false);
        }
      }
    }
    return null;
  }
}
