package dev.graft.agent.core;

import dev.graft.inspect.ClassInspector;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.RebindQuery;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteLocal;
import dev.graft.weave.ClosureFinder;
import dev.graft.weave.ClosureFinder.Closure;
import dev.graft.weave.ClosureFinder.Kind;
import dev.graft.weave.LocalScope;
import dev.graft.weave.MethodNames;
import dev.graft.weave.RebindSpec;
import dev.graft.weave.ScopedLocal;
import dev.graft.weave.SourceImports;
import dev.graft.weave.SourceTypes;
import dev.graft.weave.TargetResolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Turns a rebind request into what the weaver does: which class changes, which reads in which methods,
 * and the wrapper the expression is compiled in. Every rejection names what there is instead.
 */
final class RebindResolver {
  private static final String CAPTURE_PREFIX = "val$"; // javac's anonymous and local classes
  private static final String KOTLIN_CAPTURE_PREFIX = "$"; // kotlinc's lambda classes
  private static final String OUTER_INSTANCE = "this$0";

  /** A resolved rebinding; {@link #spec} completes it once the expression is compiled. */
  record Resolution(TargetClass woven, String description, SiteInfo wrapper, List<String> methods, RebindSpec.Read read,
      List<RebindSpec.Source> sources) {
    RebindSpec spec(String patchId, byte[] wrapperClass, String hitsKey) {
      return new RebindSpec(patchId, methods, read, sources, wrapperClass, wrapper.className().replace('.', '/'), hitsKey);
    }
  }

  private final AgentContext context;

  RebindResolver(AgentContext context) {
    this.context = context;
  }

  Resolution resolve(RebindQuery query) {
    TargetClass owner = new TargetClasses(context).resolve(query.className(), query.loaderId(), query.whenLoaded());
    ClassNode type = new ClassInspector(owner.original()).type();
    return query.method() != null ? fieldRead(owner, type, query) : closure(owner, type, query);
  }

  private Resolution closure(TargetClass owner, ClassNode type, RebindQuery query) {
    ClosureFinder finder = new ClosureFinder(type);
    List<Closure> closures = finder.at(query.line());
    String where = "line " + query.line() + " of " + owner.name();
    if (closures.isEmpty()) {
      TreeSet<Integer> lines = finder.linesWithClosures();
      throw GraftException.rejected("no lambda, anonymous or local class is created at " + where
          + (lines.isEmpty() ? "; the class creates none" : "; lines that create closures: "
              + lines.stream().map(String::valueOf).collect(Collectors.joining(", "))));
    }
    Closure chosen;
    if (query.index() != null) {
      if (query.index() < 0 || query.index() >= closures.size()) {
        throw GraftException.rejected("--index " + query.index() + " is out of range: " + where + " creates " + listing(owner, type, closures));
      }
      chosen = closures.get(query.index());
    } else {
      List<Closure> capturing = closures.stream()
          .filter(closure -> closure.kind() != Kind.METHOD_REFERENCE && captures(owner, type, closure).contains(query.name()))
          .toList();
      if (capturing.size() > 1) {
        throw GraftException.rejected("several closures at " + where + " capture " + query.name() + ": "
            + listing(owner, type, closures) + "; pick one with --index K");
      }
      chosen = capturing.isEmpty() ? closures.get(0) : capturing.get(0);
      if (capturing.isEmpty() && closures.size() > 1) {
        throw GraftException.rejected("no closure at " + where + " captures " + query.name() + "; there are: " + listing(owner, type, closures));
      }
    }
    if (chosen.kind() == Kind.METHOD_REFERENCE) {
      throw GraftException.rejected(where + " creates " + chosen.describe() + ": a method reference captures no variable to rebind");
    }
    List<String> captured = captures(owner, type, chosen);
    if (captured.isEmpty()) {
      throw GraftException.rejected(where + " creates " + chosen.describe() + ", which captures nothing");
    }
    if (!captured.contains(query.name())) {
      throw GraftException.rejected(chosen.describe() + " at " + where + " captures " + String.join(", ", captured)
          + "; not " + query.name());
    }
    return chosen.kind() == Kind.LAMBDA ? lambda(owner, type, chosen, query) : closureClass(owner, chosen, query);
  }

  private Resolution lambda(TargetClass owner, ClassNode type, Closure closure, RebindQuery query) {
    MethodNode body = bodyOf(type, closure);
    List<ScopedLocal> captured = capturedParameters(type, closure);
    List<SiteLocal> parameters = new ArrayList<>();
    List<RebindSpec.Source> sources = new ArrayList<>();
    for (ScopedLocal local : captured) {
      parameters.add(new SiteLocal(local.name(), sourceType(local.sourceType(), local.descriptor()), local.descriptor()));
      sources.add(RebindSpec.Source.of(local));
    }
    ScopedLocal rebound = captured.stream().filter(local -> local.name().equals(query.name())).findFirst().orElseThrow();
    // a captured Kotlin var: its reads are reads of the Ref's element
    RebindSpec.Read read = rebound.isHeld() ? RebindSpec.Read.held(rebound.slot(), rebound.holder()) : RebindSpec.Read.local(rebound.slot());
    SiteInfo wrapper = wrapperSite(owner, (body.access & Opcodes.ACC_STATIC) != 0, sourceType(rebound.sourceType(), rebound.descriptor()),
        parameters, body.name);
    return new Resolution(owner, closure.describe(), wrapper, List.of(body.name + body.desc), read, sources);
  }

  private Resolution closureClass(TargetClass outer, Closure closure, RebindQuery query) {
    TargetClass woven = closureClassOf(outer, closure, query.whenLoaded());
    ClassNode type = new ClassInspector(woven.original()).type();
    List<SiteLocal> parameters = new ArrayList<>();
    List<RebindSpec.Source> sources = new ArrayList<>();
    FieldNode rebound = null;
    for (FieldNode field : type.fields) {
      String name = captureName(field);
      if (name != null) {
        parameters.add(new SiteLocal(name, sourceType(SourceTypes.of(field.desc, field.signature), field.desc), field.desc));
        sources.add(RebindSpec.Source.thisField(type.name, field.name, field.desc));
        if (name.equals(query.name())) {
          rebound = field;
        }
      }
    }
    FieldNode read = rebound;
    List<String> methods = type.methods.stream()
        .filter(method -> !method.name.equals("<init>") && readsField(method, type.name, read.name))
        .map(method -> method.name + method.desc)
        .toList();
    if (methods.isEmpty()) {
      throw GraftException.rejected(closure.describe() + " never reads its captured " + query.name() + "; nothing to rebind");
    }
    SiteInfo wrapper = wrapperSite(outer, true, sourceType(SourceTypes.of(read.desc, read.signature), read.desc), parameters,
        String.join(", ", methods.stream().map(MethodNames::display).toList()));
    return new Resolution(woven, closure.describe(), wrapper, methods,
        RebindSpec.Read.field(type.name, read.name, read.desc, false), sources);
  }

  private Resolution fieldRead(TargetClass owner, ClassNode type, RebindQuery query) {
    String method = query.method();
    int paren = method.indexOf('(');
    List<String> parameterTypes = paren < 0 ? null : parseParameters(method.substring(paren + 1, method.length() - 1));
    MethodNode target = new TargetResolver(type).method(paren < 0 ? method : method.substring(0, paren), parameterTypes);
    int dot = query.name().lastIndexOf('.');
    if (dot <= 0) {
      throw new GraftException(dev.graft.protocol.ExitCodes.USAGE, "name the field as OWNER.FIELD, e.g. com.acme.Config.RATE; got " + query.name());
    }
    String ownerName = query.name().substring(0, dot);
    String fieldName = query.name().substring(dot + 1);
    FieldInsnNode found = null;
    TreeSet<String> reads = new TreeSet<>();
    for (AbstractInsnNode insn : target.instructions) {
      if (insn instanceof FieldInsnNode field && (insn.getOpcode() == Opcodes.GETFIELD || insn.getOpcode() == Opcodes.GETSTATIC)) {
        String fieldOwner = field.owner.replace('/', '.');
        reads.add(fieldOwner + "." + field.name);
        boolean ownerMatches = fieldOwner.equals(ownerName) || fieldOwner.endsWith("." + ownerName) || fieldOwner.endsWith("$" + ownerName);
        if (ownerMatches && field.name.equals(fieldName)) {
          found = field;
        }
      }
    }
    String where = owner.name() + "#" + MethodNames.display(target);
    if (found == null) {
      throw GraftException.rejected(where + " never reads " + query.name()
          + (reads.isEmpty() ? "; it reads no field" : "; the fields it reads: " + String.join(", ", reads)));
    }
    boolean isStatic = (target.access & Opcodes.ACC_STATIC) != 0;
    List<SiteLocal> parameters = new ArrayList<>();
    List<RebindSpec.Source> sources = new ArrayList<>();
    for (ScopedLocal parameter : parametersOf(target)) {
      parameters.add(new SiteLocal(parameter.name(), sourceType(parameter.sourceType(), parameter.descriptor()), parameter.descriptor()));
      sources.add(RebindSpec.Source.local(parameter.slot(), parameter.descriptor()));
    }
    SiteInfo wrapper = wrapperSite(owner, isStatic, sourceType(SourceTypes.ofType(Type.getType(found.desc)), found.desc), parameters,
        MethodNames.display(target));
    String description = "reads of " + found.owner.replace('/', '.') + "." + found.name + " in " + where;
    return new Resolution(owner, description, wrapper, List.of(target.name + target.desc),
        RebindSpec.Read.field(found.owner, found.name, found.desc, found.getOpcode() == Opcodes.GETSTATIC), sources);
  }

  /** The names a closure captures, in order; {@code this} is not a name one can rebind. */
  /** An anonymous or local class, defined by the loader of its enclosing class (or, when waiting, read from it). */
  private TargetClass closureClassOf(TargetClass outer, Closure closure, boolean whenLoaded) {
    return new TargetClasses(context).resolve(closure.body().replace('/', '.'), outer.loaderId(), whenLoaded);
  }

  private List<String> captures(TargetClass owner, ClassNode type, Closure closure) {
    return switch (closure.kind()) {
      case LAMBDA -> capturedParameters(type, closure).stream().map(ScopedLocal::name).toList();
      case ANONYMOUS_CLASS, LOCAL_CLASS -> {
        ClassNode node = new ClassInspector(closureClassOf(owner, closure, true).original()).type();
        yield node.fields.stream().map(RebindResolver::captureName).filter(java.util.Objects::nonNull).toList();
      }
      case METHOD_REFERENCE -> List.of();
    };
  }

  /** A lambda body's leading parameters are its captures; the invokedynamic says how many. */
  private static List<ScopedLocal> capturedParameters(ClassNode type, Closure closure) {
    MethodNode body = bodyOf(type, closure);
    List<ScopedLocal> parameters = parametersOf(body);
    int captured = capturedCount(type, closure);
    return parameters.subList(0, Math.min(captured, parameters.size()));
  }

  private static int capturedCount(ClassNode type, Closure closure) {
    for (MethodNode method : type.methods) {
      for (AbstractInsnNode insn : method.instructions) {
        if (insn instanceof org.objectweb.asm.tree.InvokeDynamicInsnNode indy && indy.bsmArgs.length > 1
            && indy.bsmArgs[1] instanceof org.objectweb.asm.Handle handle
            && (handle.getName() + handle.getDesc()).equals(closure.body()) && handle.getOwner().equals(type.name)) {
          int values = Type.getArgumentTypes(indy.desc).length;
          return closure.implementationIsStatic() ? values : values - 1; // an instance body captured this
        }
      }
    }
    return 0;
  }

  /** The source name of a closure class's field that holds a capture ({@code val$x}, Kotlin's {@code $x}); else null. */
  private static String captureName(FieldNode field) {
    if ((field.access & Opcodes.ACC_STATIC) != 0) {
      return null;
    }
    if (field.name.startsWith(CAPTURE_PREFIX)) {
      return field.name.substring(CAPTURE_PREFIX.length());
    }
    String kotlin = field.name.startsWith(KOTLIN_CAPTURE_PREFIX) ? field.name.substring(KOTLIN_CAPTURE_PREFIX.length()) : null;
    return kotlin != null && dev.graft.weave.KotlinLocals.isJavaName(kotlin) ? kotlin : null;
  }

  private static List<ScopedLocal> parametersOf(MethodNode method) {
    return LocalScope.parametersOf(method);
  }

  private static MethodNode bodyOf(ClassNode type, Closure closure) {
    return type.methods.stream().filter(method -> (method.name + method.desc).equals(closure.body())).findFirst()
        .orElseThrow(() -> new IllegalStateException("no lambda body " + closure.body() + " in " + type.name));
  }

  private static boolean readsField(MethodNode method, String owner, String name) {
    for (AbstractInsnNode insn : method.instructions) {
      if (insn.getOpcode() == Opcodes.GETFIELD && insn instanceof FieldInsnNode field && field.owner.equals(owner) && field.name.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private String listing(TargetClass owner, ClassNode type, List<Closure> closures) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < closures.size(); i++) {
      Closure closure = closures.get(i);
      List<String> captured = captures(owner, type, closure);
      items.add("[" + i + "] " + closure.describe() + (closure.kind() == Kind.METHOD_REFERENCE ? ""
          : captured.isEmpty() ? " capturing nothing" : " capturing " + String.join(", ", captured)));
    }
    return String.join("; ", items);
  }

  private SiteInfo wrapperSite(TargetClass standsFor, boolean isStatic, String valueType, List<SiteLocal> parameters, String methodName) {
    boolean isInterface = (new ClassInspector(standsFor.original()).type().access & Opcodes.ACC_INTERFACE) != 0;
    SourceImports.Imports imports = SourceImports.of(standsFor.original());
    return new SiteInfo(standsFor.name(), context.loaderIds().idOf(standsFor.loader()), methodName, "", isStatic,
        isInterface, valueType, parameters, 0, Runtime.version().feature(), AgentCompiler.compilesNow(), List.of(),
        imports.types(), imports.ambiguous(), false);
  }

  private static String sourceType(String source, String descriptor) {
    if (source != null) {
      return source;
    }
    throw GraftException.rejected("a captured value of type " + descriptor + " cannot be named in source, so it cannot be rebound");
  }

  private static List<String> parseParameters(String inside) {
    return inside.isBlank() ? List.of() : Arrays.stream(inside.split(",")).map(String::trim).toList();
  }
}
