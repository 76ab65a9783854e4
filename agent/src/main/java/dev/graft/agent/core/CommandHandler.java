package dev.graft.agent.core;

import dev.graft.channel.RequestHandler;
import dev.graft.inspect.BytecodeText;
import dev.graft.inspect.ClassInspector;
import dev.graft.inspect.PatchReport;
import dev.graft.patch.Patch;
import dev.graft.patch.PatchApplier;
import dev.graft.patch.PatchRegistry;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages;
import dev.graft.protocol.Messages.ClassBytes;
import dev.graft.protocol.Messages.ClassInfo;
import dev.graft.protocol.Messages.ClassQuery;
import dev.graft.protocol.Messages.DiffArgs;
import dev.graft.protocol.Messages.DiffResult;
import dev.graft.protocol.Messages.InjectArgs;
import dev.graft.protocol.Messages.PackageQuery;
import dev.graft.protocol.Messages.PatchInfo;
import dev.graft.protocol.Messages.PatchList;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.Messages.RevertArgs;
import dev.graft.protocol.Messages.RevertResult;
import dev.graft.protocol.Messages.ShowArgs;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteLocal;
import dev.graft.protocol.Messages.SiteQuery;
import dev.graft.protocol.PatchTarget;
import dev.graft.protocol.Protocol;
import dev.graft.protocol.Wire;
import dev.graft.weave.ConstructorPrologue;
import dev.graft.weave.LocalScope;
import dev.graft.weave.MethodNames;
import dev.graft.weave.ResolvedSite;
import dev.graft.weave.ScopedLocal;
import dev.graft.weave.SourceImports;
import dev.graft.weave.SourceTypes;
import dev.graft.weave.SpliceSpec;
import dev.graft.weave.SplicePoint;
import dev.graft.weave.TargetResolver;
import dev.graft.weave.WovenClass;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.slf4j.Logger;

/** Turns each request from the channel into work on the JVM and a reply. Runs on the channel thread only. */
public final class CommandHandler implements RequestHandler {
  private final AgentContext context;
  private final Logger log;
  private final List<Runnable> afterReply = new ArrayList<>();

  final PatchBatch batch;
  final AgentCompiler compiler;

  public CommandHandler(AgentContext context) {
    this.context = context;
    this.log = context.log().logger(CommandHandler.class);
    this.batch = new PatchBatch(context, log, afterReply::add, lifetimes);
    this.compiler = new AgentCompiler(this, context);
  }

  /** The thread that ends watches whose client went away: started with the first watch (an idle agent has one thread). */
  private Thread leases;

  private Messages.WatchOpened openWatch() {
    if (leases == null) {
      leases = new Thread(this::endExpiredWatches, "graft-watch-leases");
      leases.setDaemon(true);
      leases.start();
    }
    return watches.open();
  }

  private final Watches watches = new Watches();
  private final Lifetimes lifetimes = new Lifetimes(this::revertSpent);

  /**
   * A patch whose hits are used or whose time is up reverts itself, on the lifetimes thread. Its guard
   * already keeps its code from running; if the revert fails, the counter goes anyway (the guard then finds
   * none and skips the code) and the log says why.
   */
  private void revertSpent(String id, String why) {
    lock.lock();
    try {
      if (context.registry().get(id) != null) {
        revert(new RevertArgs(List.of(id), false));
        log.info("patch {} reverted itself: {}", id, why);
      }
    } catch (RuntimeException | LinkageError e) {
      log.warn("patch {} could not revert itself ({}); its code no longer runs, revert it with graft revert", id, why, e);
    } finally {
      lifetimes.forget(id);
      lock.unlock();
    }
    afterReply(); // the revert's report, to the log
  }

  /** A watch ends: its patches (the code names the watch's queue) are reverted, and its queue is gone. */
  private RevertResult endWatch(String token) {
    List<String> ids = context.registry().all().stream()
        .filter(patch -> patch.code() != null && patch.code().contains(Watches.PROPERTY_PREFIX + token))
        .map(Patch::id).toList();
    RevertResult reverted = ids.isEmpty() ? new RevertResult(List.of()) : revert(new RevertArgs(ids, false));
    watches.close(token);
    log.info("watch {} ended; reverted {}", token, reverted.reverted());
    return reverted;
  }

  /** Watches whose client stopped polling (killed, or its connection lost) are ended by the agent itself. */
  private void endExpiredWatches() {
    while (true) {
      try {
        Thread.sleep(Watches.LEASE_MILLIS / 3);
        for (String token : watches.expired()) {
          lock.lock();
          try {
            endWatch(token);
          } finally {
            lock.unlock();
          }
          afterReply(); // the revert's report, to the log
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | LinkageError e) {
        log.warn("could not end an expired watch", e);
      }
    }
  }

  /**
   * Held while a request is worked: the channel thread takes it, and so does an application thread that
   * defines a class a start-up script waits for ({@link DeferredStatements}).
   */
  final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
  /** The client of the request being worked, or last worked: its after-reply entries name it too. */
  private String client;
  /** The client and words of the last rejection logged. */
  private String lastRejection;

  /** Never throws: every failure becomes an error reply with its exit code. */
  @Override
  public byte[] handle(byte[] frame, String peerUser) {
    lock.lock();
    try {
      return work(frame, peerUser);
    } finally {
      context.log().clientDone();
      lock.unlock();
    }
  }

  private byte[] work(byte[] frame, String peerUser) {
    Wire.Response response;
    long cpu = Timings.begin();
    try {
      Wire.Request request = Wire.decode(frame, Wire.Request.class);
      client = RequestClient.describe(peerUser, request.client());
      context.log().client(client);
      if (request.protocol() != Protocol.VERSION) {
        response = Wire.Response.failure(ExitCodes.UNREACHABLE, "protocol " + request.protocol()
            + " is not this agent's (" + Protocol.VERSION + ", graft " + Protocol.AGENT_VERSION + ")");
      } else {
        response = Wire.Response.success(dispatch(request));
      }
    } catch (GraftException e) {
      logRejection(e.getMessage());
      response = Wire.Response.failure(e.exitCode(), e.getMessage());
    } catch (com.google.gson.JsonParseException e) {
      log.warn("malformed request: {}", e.getMessage());
      response = Wire.Response.failure(ExitCodes.USAGE, "malformed request: " + e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      log.error("internal error", e);
      response = Wire.Response.failure(ExitCodes.INTERNAL, "internal error in the graft agent: " + e
          + " (details in " + context.log().file() + ")");
    } catch (OutOfMemoryError e) {
      // graft's own allocation failed (the headroom checks make this rare): answered, never printed on the target's stderr
      response = outOfMemory();
    }
    return Wire.encode(response.withTimings(Timings.end(cpu)));
  }

  /**
   * Once per refusal: a CLI that is refused an inject asks for the site's notes next, and that query is
   * refused for the same reason (a line without code); one client's same words are one entry.
   */
  private void logRejection(String message) {
    String entry = client + "\n" + message;
    if (!entry.equals(lastRejection)) {
      log.info("rejected: {}", message);
    }
    lastRejection = entry;
  }

  /**
   * What the agent held for the failed request is garbage by now. The exit code is 3, as for every refusal
   * for lack of memory: the target cannot take graft's work at present, and nothing of the request applied.
   */
  private Wire.Response outOfMemory() {
    context.javac().dropIfIdle(0); // javac's warm contexts are the biggest thing graft keeps
    String figures = MemoryHeadroom.shortfall(MemoryHeadroom.COMPILE, false);
    log.warn("a request ran out of heap; {}", figures);
    return Wire.Response.failure(ExitCodes.UNREACHABLE, "JVM " + context.pid() + " ran out of heap during graft's request"
        + (figures != null ? " (" + figures + ")" : "") + "; nothing changed; try again when the application uses less");
  }

  @Override
  public void afterReply() {
    List<Runnable> work;
    String who;
    lock.lock();
    try {
      work = new ArrayList<>(afterReply);
      afterReply.clear();
      who = client;
    } finally {
      lock.unlock();
    }
    if (work.isEmpty()) {
      return;
    }
    context.log().client(who);
    try {
      for (Runnable task : work) {
        try {
          task.run();
        } catch (RuntimeException | LinkageError e) {
          log.warn("could not write a patch report to the log", e);
        }
      }
    } finally {
      context.log().clientDone();
    }
  }

  @Override
  public void idle() {
    lock.lock();
    try {
      if (context.javac().dropIfIdle(dev.graft.compile.ReusedJavacContexts.KEEP_MILLIS)) {
        context.packages().forget();
      }
    } finally {
      lock.unlock();
    }
  }

  private Object dispatch(Wire.Request request) {
    String op = request.op() == null ? "" : request.op();
    return switch (op) {
      case Protocol.OP_HELLO -> new Messages.HelloResult(Protocol.AGENT_VERSION, Protocol.VERSION, context.pid(),
          System.getProperty("java.version"), context.log().file().toString(), context.socket().toString(), AgentCompiler.compilesNow());
      case Protocol.OP_SHOW -> show(request.args(ShowArgs.class));
      case Protocol.OP_CLASS_BYTES -> classBytes(request.args(ClassQuery.class));
      case Protocol.OP_LIST_PACKAGE -> listPackage(request.args(PackageQuery.class));
      case Protocol.OP_SITE -> site(request.args(SiteQuery.class));
      case Protocol.OP_INJECT -> inject(request.args(InjectArgs.class));
      case Protocol.OP_REBIND_SITE -> rebindSite(request.args(Messages.RebindQuery.class));
      case Protocol.OP_REBIND -> rebind(request.args(Messages.RebindArgs.class));
      case Protocol.OP_APPLY -> apply(request.args(Messages.ApplyArgs.class));
      case Protocol.OP_LIST -> list();
      case Protocol.OP_DIFF -> diff(request.args(DiffArgs.class));
      case Protocol.OP_REVERT -> revert(request.args(RevertArgs.class));
      case Protocol.OP_CLASSES -> new ClassSearch(context).find(request.args(Messages.ClassesArgs.class));
      case Protocol.OP_WATCH_OPEN -> openWatch();
      case Protocol.OP_WATCH_POLL -> {
        Messages.WatchPoll poll = request.args(Messages.WatchPoll.class);
        yield watches.poll(poll.token(), poll.most());
      }
      case Protocol.OP_WATCH_CLOSE -> endWatch(request.args(Messages.WatchClose.class).token());
      default -> throw new GraftException(ExitCodes.USAGE, "unknown operation '" + op + "' (graft " + Protocol.AGENT_VERSION + ")");
    };
  }

  private ClassInfo show(ShowArgs args) {
    Class<?> type = context.classes().find(required(args.className(), "class name"), args.loaderId());
    byte[] original = context.classFiles().original(type);
    ClassInspector inspector = new ClassInspector(original);
    List<String> notes = new ArrayList<>();
    List<Patch> patches = patchesOf(type);
    if (!patches.isEmpty()) {
      notes.add(patches.size() + " patch(es) active: " + String.join(", ", PatchRegistry.ids(patches))
          + "; lines and locals are those of the original code");
    }
    List<Messages.MethodInfo> methods = inspector.methods(args.method());
    String bytecode = null;
    String sha = null;
    if (args.bytecode()) {
      ClassFiles.RunningBytes current = context.classFiles().current(type);
      String wholeClass = BytecodeText.ofClass(current.bytes());
      sha = sha256(wholeClass.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      // a named method: its text alone (every overload of that name), as the JVM runs it
      bytecode = args.method() == null ? wholeClass : methods.stream()
          .map(method -> BytecodeText.ofMethod(current.bytes(), method.name(), method.descriptor()))
          .filter(java.util.Objects::nonNull)
          .collect(java.util.stream.Collectors.joining("\n"));
      notes.add("bytecode: " + current.source());
    }
    ClassLoader loader = type.getClassLoader();
    return new ClassInfo(type.getName(), context.loaderIds().idOf(loader), LoaderIds.describe(loader),
        inspector.type().sourceFile, inspector.type().version & 0xFFFF, methods, bytecode, sha, notes);
  }

  private ClassBytes classBytes(ClassQuery query) {
    ClassLoader loader = loaderFor(query.loaderId());
    String name = required(query.className(), "class name");
    byte[] bytes = new LocalClassSource(context, loader).classBytes(name);
    return new ClassBytes(name, context.loaderIds().idOf(loader), Base64.getEncoder().encodeToString(bytes));
  }

  private Messages.PackageListing listPackage(PackageQuery query) {
    String name = required(query.packageName(), "package name");
    return new Messages.PackageListing(name, new LocalClassSource(context, loaderFor(query.loaderId())).classNames(name));
  }

  SiteInfo site(SiteQuery query) {
    PatchTarget target = parseTarget(query.target());
    TargetClass type = new TargetClasses(context).resolve(target.className(), query.loaderId(), query.whenLoaded());
    org.objectweb.asm.tree.ClassNode node = new ClassInspector(type.original()).type();
    PatchBatch.requireExitForOnThrow(target, query.onThrow());
    ResolvedSite site = new TargetResolver(node).resolve(target, false, query.onThrow());
    // with --on-throw the code runs also in a handler around the whole body: only what is in scope all
    // through it (the parameters) is there, whichever instruction threw
    List<SplicePoint> scope = new ArrayList<>(site.points());
    if (query.onThrow()) {
      scope.add(site.lines().entryPoint());
    }
    List<String> notes = new ArrayList<>();
    if (!type.isLoaded()) {
      notes.add(type.name() + " is not loaded yet: the patch will wait, and apply when it loads");
    }
    if (!LocalScope.hasTable(site.method())) {
      notes.add(type.name() + " was compiled without a LocalVariableTable (javac -g): only parameters are in scope, "
          + "named by MethodParameters or arg0..argN");
    }
    boolean beforeCall = ConstructorPrologue.holdsAny(site.method(), site.points());
    if (beforeCall) {
      notes.add(target + ": " + ConstructorPrologue.NO_OBJECT);
    }
    List<SiteLocal> locals = new ArrayList<>();
    Type returned = Type.getReturnType(site.method().desc);
    boolean withResult = target.isExit() && returned.getSort() != Type.VOID;
    if (withResult) {
      String source = SourceTypes.ofType(returned);
      locals.add(new SiteLocal(PatchTarget.RESULT, source == null ? "Object" : source, returned.getDescriptor()));
      notes.add("at the exit, result is the value being returned (" + (source == null ? returned.getClassName() : source)
          + "); assigning it changes what the method returns");
    }
    if (query.onThrow()) {
      locals.add(new SiteLocal(PatchTarget.THROWN, "Throwable", "Ljava/lang/Throwable;"));
      notes.add("with --on-throw, the code also runs when an exception leaves the method: thrown is that exception (null at a return)"
          + (withResult ? ", result is 0 or null there," : "") + " and the exception goes on unchanged; only the parameters are in scope");
    }
    for (ScopedLocal local : LocalScope.common(site.method(), scope)) {
      if (withResult && local.name().equals(PatchTarget.RESULT)) {
        notes.add("the method's own local result is hidden at the exit by the value being returned");
        continue;
      }
      if (query.onThrow() && local.name().equals(PatchTarget.THROWN)) {
        notes.add("the method's own local thrown is hidden by the exception leaving the method");
        continue;
      }
      if (local.sourceType() == null) {
        notes.add("local " + local.name() + " has a type that cannot be named in source (" + local.descriptor() + "); not in scope");
      } else {
        locals.add(new SiteLocal(local.name(), local.sourceType(), local.descriptor()));
      }
    }
    Type returnType = Type.getReturnType(site.method().desc);
    String returnSource = SourceTypes.ofType(returnType);
    SourceImports.Imports imports = SourceImports.of(type.original());
    return new SiteInfo(type.name(), type.isLoaded() ? type.loaderId() : context.loaderIds().idOf(type.loader()),
        site.method().name, site.method().desc, (site.method().access & Opcodes.ACC_STATIC) != 0, (node.access & Opcodes.ACC_INTERFACE) != 0,
        returnSource == null ? "Object" : returnSource, locals, site.points().size(), Runtime.version().feature(),
        AgentCompiler.compilesNow(), notes, imports.types(), imports.ambiguous(), beforeCall);
  }

  private PatchResult inject(InjectArgs args) {
    List<String> notes = new ArrayList<>();
    InjectArgs compiled = args;
    if (args.wrapperBase64() == null) {
      // sent uncompiled: the client did not ask for the site, so what the site tells goes with the result
      SiteInfo site = Timings.time("resolve the site", () -> site(args.siteQuery()));
      compiled = Timings.time("compile in the target", () -> compiler.complete(args, site));
      notes.addAll(site.notes());
    }
    PatchBatch.Prepared patch = batch.prepareInject(compiled, null);
    for (Patch active : context.registry().all()) {
      if (active.kind().equals(patch.patch().kind()) && active.target().equals(patch.patch().target())
          && active.code().strip().equals(patch.patch().code().strip()) && active.internalName().equals(patch.patch().internalName())) {
        notes.add("the same code is already patched in at " + active.target() + " as patch " + active.id()
            + "; this one runs too, after it");
      }
    }
    InjectArgs ready = compiled;
    InlinedCopies.Found copies = Timings.time("find inlined copies", () -> new InlinedCopies(context).of(patch, ready, () -> batch.newId(args.dryRun())));
    List<PatchBatch.Prepared> all = new ArrayList<>(List.of(patch));
    all.addAll(copies.copies());
    notes.addAll(copies.notes());
    PatchResult result = batch.apply(all, args.dryRun()).get(0);
    watches.patched(args.code());
    return notes.isEmpty() ? result : result.withNotes(notes);
  }

  private Messages.RebindSite rebindSite(Messages.RebindQuery query) {
    RebindResolver.Resolution resolution = new RebindResolver(context).resolve(query);
    return new Messages.RebindSite(resolution.description(), resolution.woven().name(), resolution.wrapper());
  }

  private PatchResult rebind(Messages.RebindArgs args) {
    Messages.RebindArgs compiled = Timings.time("compile in the target", () -> compiler.complete(args));
    return batch.apply(List.of(batch.prepareRebind(compiled, null)), args.dryRun()).get(0);
  }

  /** A patch script: every patch prepared and checked before any class changes; all or none. */
  private Messages.ApplyResult apply(Messages.ApplyArgs args) {
    List<PatchBatch.Prepared> prepared = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int exitCode = ExitCodes.OK;
    AgentCompiler.Batch compiled = Timings.time("compile in the target", () -> compiler.completeAll(args.items()));
    for (int i = 0; i < args.items().size(); i++) {
      Messages.ApplyItem item = compiled.items().get(i);
      try {
        GraftException failed = compiled.failures().get(i);
        if (failed != null) {
          throw failed;
        }
        prepared.add(item.inject() != null ? batch.prepareInject(item.inject(), item.position())
            : batch.prepareRebind(item.rebind(), item.position()));
      } catch (GraftException e) {
        failures.add(PatchBatch.at(item.position(), e.getMessage()));
        exitCode = Math.max(exitCode, e.exitCode());
      }
    }
    if (!failures.isEmpty()) {
      throw new GraftException(exitCode, "nothing applied; " + failures.size() + " of " + args.items().size()
          + " patches failed:\n" + String.join("\n", failures));
    }
    return new Messages.ApplyResult(batch.apply(prepared, args.dryRun()));
  }

  private Messages.PatchList list() {
    List<PatchInfo> infos = new ArrayList<>();
    List<Patch> patches = new ArrayList<>(context.registry().all());
    patches.sort(java.util.Comparator.comparingInt(patch -> Integer.parseInt(patch.id()))); // in the order they were given ids
    for (Patch patch : patches) {
      infos.add(new PatchInfo(patch.id(), patch.kind(), patch.target(), patch.code(), patch.since().toString(),
          context.registry().exceptionCount(patch.id()), context.registry().state(patch.id()), context.registry().lostBecause(patch.id()),
          lifetimes.hitsLeft(patch.id()), lifetimes.millisLeft(patch.id()), scriptOf(patch)));
    }
    return new PatchList(infos, context.log().file().toString(), context.log().problem());
  }

  /**
   * The patch as a script statement, without its lifetime; null for what graft made itself: a watch's patch
   * (its code names the watch's queue) or a Kotlin inline function's copy (its function's patch makes it again).
   */
  private String scriptOf(Patch patch) {
    boolean watch = patch.code() != null && patch.code().contains(Watches.PROPERTY_PREFIX);
    boolean copy = patch.spec() instanceof SpliceSpec splice && splice.copy() != null;
    if (watch || copy) {
      return null;
    }
    String given = lifetimes.given(patch.id());
    String statement = dev.graft.script.ScriptWriter.statement(patch.kind(), patch.target(), patch.options(), patch.code());
    return given == null ? statement : "# patch " + patch.id() + " was applied with " + given + "; written here without that lifetime\n" + statement;
  }

  private DiffResult diff(DiffArgs args) {
    Patch patch = existing(args.id());
    TargetClass type = new TargetClasses(context).resolve(patch.className(), patch.loaderId(), true);
    List<Patch> all = context.registry().forClass(patch.internalName(), type.isLoaded() ? type.loaderId() : patch.loaderId());
    // what this patch changed: the method with the patches before it, against it with this one too
    List<Patch> before = all.subList(0, all.indexOf(patch));
    byte[] without = before.isEmpty() ? type.original() : context.applier().check(type.loader(), type.original(), before).bytes();
    WovenClass with = context.applier().check(type.loader(), type.original(), all.subList(0, before.size() + 1));
    return new DiffResult(patch.id(), diffOf(without, with, patch.id()));
  }

  private RevertResult revert(RevertArgs args) {
    List<Patch> patches = new ArrayList<>();
    if (args.all()) {
      patches.addAll(context.registry().all());
    } else {
      for (String id : args.ids() == null ? List.<String>of() : args.ids()) {
        patches.add(existing(id)); // every id is checked before anything is reverted
      }
      for (Patch patch : context.registry().all()) { // a Kotlin inline function's copies go with its patch
        if (patch.spec() instanceof dev.graft.weave.SpliceSpec splice && splice.copy() != null
            && args.ids().contains(splice.copy().ofPatch()) && !patches.contains(patch)) {
          patches.add(patch);
        }
      }
    }
    List<String> reverted = new ArrayList<>();
    for (Patch patch : patches) {
      Supplier<String> report = revertReport(patch);
      context.applier().revert(context.classes().findAll(patch.className(), patch.loaderId()), patch);
      lifetimes.forget(patch.id());
      reverted.add(patch.id());
      afterReply.add(() -> log.info("patch {} reverted: {} {} `{}`\n{}", patch.id(), patch.kind(), patch.target(), patch.code(), report.get()));
    }
    return new RevertResult(reverted);
  }

  /** The bytecode of the methods a patch changed, with it and without it (the class's other patches stay); worked out when asked. */
  private Supplier<String> revertReport(Patch patch) {
    TargetClass type = new TargetClasses(context).resolve(patch.className(), patch.loaderId(), true);
    List<Patch> all = context.registry().forClass(patch.internalName(), type.isLoaded() ? type.loaderId() : patch.loaderId());
    List<Patch> remaining = all.stream().filter(other -> !other.id().equals(patch.id())).toList();
    return () -> {
      WovenClass now = context.applier().check(type.loader(), type.original(), all);
      byte[] after = remaining.isEmpty() ? type.original() : context.applier().check(type.loader(), type.original(), remaining).bytes();
      return PatchReport.of(now.bytes(), after, now.changedMethods().getOrDefault(patch.id(), List.of()));
    };
  }

  private Patch existing(String id) {
    Patch patch = context.registry().get(id);
    if (patch == null) {
      List<String> active = PatchRegistry.ids(context.registry().all());
      throw GraftException.rejected("no active patch " + id + (active.isEmpty() ? "; there are none" : "; active: " + String.join(", ", active)));
    }
    return patch;
  }

  List<Patch> patchesOf(Class<?> type) {
    return context.registry().forClass(type.getName().replace('.', '/'), context.loaderIds().idOf(type.getClassLoader()));
  }

  static String diffOf(byte[] original, WovenClass woven, String patchId) {
    return PatchReport.diff(original, woven.bytes(), woven.changedMethods().getOrDefault(patchId, List.of()));
  }

  private ClassLoader loaderFor(String loaderId) {
    return loaderId == null ? ClassLoader.getSystemClassLoader() : context.loaderIds().loader(loaderId);
  }

  static PatchTarget parseTarget(String text) {
    try {
      return PatchTarget.parse(required(text, "target"));
    } catch (IllegalArgumentException e) {
      throw new GraftException(ExitCodes.USAGE, e.getMessage());
    }
  }

  static String required(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new GraftException(ExitCodes.USAGE, "the request names no " + what);
    }
    return value;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
