package dev.graft.testing;

import dev.graft.compile.JavacTasks;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteLocal;
import dev.graft.protocol.PatchTarget;
import dev.graft.weave.LocalScope;
import dev.graft.weave.ResolvedSite;
import dev.graft.weave.ScopedLocal;
import dev.graft.weave.SourceTypes;
import dev.graft.weave.SpliceSpec;
import dev.graft.weave.TargetResolver;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Compiles a snippet as the agent does: the site found the agent's way (locals common to every splice
 * point, unnameable ones left out), then graft's own {@link dev.graft.compile.SnippetCompiler} against the
 * test classes ({@link TestClassSource}).
 */
public final class SnippetCompiler {
  /** A compiled wrapper and the local names its method takes (after self). */
  public record Compiled(byte[] wrapper, List<String> localNames) {
    public SpliceSpec spec(String patchId, PatchTarget target, boolean propagate) {
      return new SpliceSpec(patchId, target, wrapper, localNames, propagate);
    }
  }

  private SnippetCompiler() {}

  public static Compiled compile(Class<?> target, PatchTarget where, String snippet) {
    return compile(JavacTasks.fresh(), target, where, snippet);
  }

  /** The same, with javac's tasks from {@code tasks}. */
  public static Compiled compile(JavacTasks tasks, Class<?> target, PatchTarget where, String snippet) {
    dev.graft.compile.SnippetCompiler.Compiled compiled = new dev.graft.compile.SnippetCompiler(tasks).compileStatements(TestClassSource.INSTANCE,
        site(target, where), snippet);
    return new Compiled(compiled.bytes(), compiled.localNames());
  }

  /** What the agent tells the compiler of the site: its locals, types, ... */
  public static SiteInfo site(Class<?> target, PatchTarget where) {
    ResolvedSite site = new TargetResolver(ClassBytes.node(target)).resolve(where);
    List<SiteLocal> locals = new ArrayList<>();
    for (ScopedLocal local : LocalScope.common(site.method(), site.points())) {
      if (local.sourceType() != null) {
        locals.add(new SiteLocal(local.name(), local.sourceType(), local.descriptor()));
      }
    }
    String returnType = SourceTypes.ofType(Type.getReturnType(site.method().desc));
    dev.graft.weave.SourceImports.Imports imports = dev.graft.weave.SourceImports.of(ClassBytes.of(target));
    return new SiteInfo(target.getName(), "app", site.method().name, site.method().desc, (site.method().access & Opcodes.ACC_STATIC) != 0,
        target.isInterface(), returnType == null ? "Object" : returnType, locals, site.points().size(), Runtime.version().feature(), true, List.of(),
        imports.types(), imports.ambiguous(), dev.graft.weave.ConstructorPrologue.holdsAny(site.method(), site.points()));
  }
}
