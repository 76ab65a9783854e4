package dev.graft.testing;

import dev.graft.protocol.PatchTarget;
import dev.graft.weave.LocalScope;
import dev.graft.weave.ResolvedSite;
import dev.graft.weave.ScopedLocal;
import dev.graft.weave.SnippetWrapper;
import dev.graft.weave.SourceTypes;
import dev.graft.weave.SpliceSpec;
import dev.graft.weave.TargetResolver;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Compiles a snippet the way the CLI does (attach-cli's SnippetSource and SnippetCompiler): a wrapper class
 * {@code Target$$Graft} that extends the target, with one method {@code __graft} taking {@code self} (instance
 * targets) and the locals in scope at the target, whose body is the snippet. Compiled in memory against the
 * test class path.
 */
public final class SnippetCompiler {
  /** A compiled wrapper, the local names its method takes (after self), and its source for failure messages. */
  public record Compiled(byte[] wrapper, List<String> localNames, String source) {
    public SpliceSpec spec(String patchId, PatchTarget target, boolean propagate) {
      return new SpliceSpec(patchId, target, wrapper, localNames, propagate);
    }
  }

  private SnippetCompiler() {}

  /** Finds the site as the agent does (locals common to every splice point, unnameable ones left out), then compiles. */
  public static Compiled compile(Class<?> target, PatchTarget where, String snippet) {
    ResolvedSite site = new TargetResolver(ClassBytes.node(target)).resolve(where);
    boolean isStatic = (site.method().access & Opcodes.ACC_STATIC) != 0;
    List<String[]> locals = new ArrayList<>();
    for (ScopedLocal local : LocalScope.common(site.method(), site.points())) {
      if (local.sourceType() != null && !(!isStatic && local.name().equals(SnippetWrapper.SELF))) {
        locals.add(new String[] {local.sourceType(), local.name()});
      }
    }
    String returnType = SourceTypes.ofType(Type.getReturnType(site.method().desc));
    return compile(target, isStatic, returnType == null ? "Object" : returnType, locals, snippet);
  }

  /** Compiles a wrapper with exactly these parameters ({@code {type, name}} pairs after self). */
  public static Compiled compile(Class<?> target, boolean isStatic, String returnType, List<String[]> locals, String snippet) {
    String className = target.getName();
    int dot = className.lastIndexOf('.');
    String packageName = dot < 0 ? "" : className.substring(0, dot);
    String wrapperSimple = className.substring(dot + 1) + SnippetWrapper.CLASS_SUFFIX;
    List<String> parameters = new ArrayList<>();
    if (!isStatic) {
      parameters.add("final " + className.replace('$', '.') + " " + SnippetWrapper.SELF);
    }
    locals.forEach(local -> parameters.add(local[0] + " " + local[1]));
    String source = (packageName.isEmpty() ? "" : "package " + packageName + ";") + "\n"
        + "@SuppressWarnings(\"all\") abstract class " + wrapperSimple + " " + (target.isInterface() ? "implements" : "extends")
        + " " + className.replace('$', '.') + " {"
        + " private static RuntimeException " + SnippetWrapper.CONTINUE + "() { return null; }"
        + " private static <T extends Throwable> T " + SnippetWrapper.THROW + "(T thrown) { return thrown; }\n"
        + (isStatic ? "static " : "") + returnType + " " + SnippetWrapper.METHOD + "(" + String.join(", ", parameters)
        + ") throws Throwable {\n"
        + "if (true) {\n"
        + markThrows(snippet) + "\n"
        + "}\nthrow " + SnippetWrapper.CONTINUE + "();\n}\n}\n";
    String binaryName = packageName.isEmpty() ? wrapperSimple : packageName + "." + wrapperSimple;
    byte[] bytes = javac(binaryName, source);
    return new Compiled(bytes, locals.stream().map(local -> local[1]).toList(), source);
  }

  /** As the CLI does (with javac's trees there): each throw statement's value goes through the marker call. */
  private static String markThrows(String snippet) {
    return snippet.replaceAll("\\bthrow\\s+([^;]+);", "throw " + SnippetWrapper.THROW.replace("$", "\\$") + "($1);");
  }

  private static byte[] javac(String binaryName, String source) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
    Map<String, ByteArrayOutputStream> outputs = new HashMap<>();
    JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
      @Override
      public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
        return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
          @Override
          public OutputStream openOutputStream() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            outputs.put(name, out);
            return out;
          }
        };
      }
    };
    JavaFileObject unit = new SimpleJavaFileObject(
        URI.create("string:///" + binaryName.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    List<String> options = List.of("-classpath", classPath(), "--release", "17", "-g", "-proc:none", "-implicit:none", "-Xlint:none");
    boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
    if (!ok || !outputs.containsKey(binaryName)) {
      throw new IllegalArgumentException("snippet wrapper does not compile:\n" + diagnostics.getDiagnostics().stream()
          .map(d -> d.getLineNumber() + ": " + d.getMessage(null)).collect(Collectors.joining("\n")) + "\n" + source);
    }
    return outputs.get(binaryName).toByteArray();
  }

  /** The test classes (the targets) and the agent's main classes. */
  private static String classPath() {
    return location(SnippetCompiler.class) + File.pathSeparator + location(SnippetWrapper.class);
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
