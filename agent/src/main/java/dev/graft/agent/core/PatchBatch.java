package dev.graft.agent.core;

import dev.graft.patch.CheckedClass;
import dev.graft.patch.Patch;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.InjectArgs;
import dev.graft.protocol.Messages.Lifetime;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.Messages.RebindArgs;
import dev.graft.protocol.PatchTarget;
import dev.graft.inspect.PatchReport;
import dev.graft.weave.MethodNames;
import dev.graft.weave.SpliceSpec;
import dev.graft.weave.WovenClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Applies one or more patches all or none: each is made into a {@link Patch}, every class they touch is
 * woven with its active patches and the new ones and verified, and only then are they registered and
 * their classes retransformed, in one call.
 */
final class PatchBatch {
  /**
   * A patch ready to check, with the class it changes and where a script wrote it (null for a command);
   * {@code lifetime}: when it reverts itself, or null.
   */
  record Prepared(TargetClass type, Patch patch, String position, Lifetime lifetime) {
    Prepared(TargetClass type, Patch patch, String position) {
      this(type, patch, position, null);
    }
  }

  private final AgentContext context;
  private final Logger log;
  private final Consumer<Runnable> later;
  private final Lifetimes lifetimes;

  /** {@code later} takes the work the reply need not wait for: each patch's report in the log. */
  PatchBatch(AgentContext context, Logger log, Consumer<Runnable> later, Lifetimes lifetimes) {
    this.context = context;
    this.log = log;
    this.later = later;
    this.lifetimes = lifetimes;
  }

  static String at(String position, String message) {
    return position == null ? message : position + ": " + message;
  }

  Prepared prepareInject(InjectArgs args, String position) {
    PatchTarget target = CommandHandler.parseTarget(args.target());
    TargetClass type = new TargetClasses(context).resolve(target.className(), args.loaderId(), args.whenLoaded());
    if (!type.name().equals(target.className())) { // a simple name: the patch records the class it took
      target = new PatchTarget(type.name(), target.methodName(), target.parameterTypes(), target.line());
    }
    requireExitForOnThrow(target, args.onThrow());
    byte[] wrapper = Base64.getDecoder().decode(CommandHandler.required(args.wrapperBase64(), "compiled snippet"));
    String id = newId(args.dryRun());
    Lifetime lifetime = Lifetimes.checked(args.lifetime());
    SpliceSpec spec = new SpliceSpec(id, target, wrapper, args.localNames() == null ? List.of() : args.localNames(), args.propagate(),
        null, lifetime == null ? null : Lifetimes.keyOf(id, lifetime), args.onThrow());
    List<String> options = new ArrayList<>();
    if (args.propagate()) {
      options.add("--propagate");
    }
    if (args.onThrow()) {
      options.add("--on-throw");
    }
    return new Prepared(type, new Patch(id, Patch.KIND_INJECT, target.toString(), args.code(), type.internalName(), type.loaderId(), spec,
        Instant.now(), List.copyOf(options)), position, lifetime);
  }

  static void requireExitForOnThrow(PatchTarget target, boolean onThrow) {
    if (onThrow && !target.isExit()) {
      throw new GraftException(ExitCodes.USAGE, "--on-throw goes with a method's exit, CLASS#METHOD:exit; " + target + " is not one");
    }
  }

  Prepared prepareRebind(RebindArgs args, String position) {
    RebindResolver.Resolution resolution = new RebindResolver(context).resolve(args.query());
    TargetClass type = resolution.woven();
    byte[] wrapper = Base64.getDecoder().decode(CommandHandler.required(args.wrapperBase64(), "compiled expression"));
    String id = newId(args.dryRun());
    Lifetime lifetime = Lifetimes.checked(args.lifetime());
    List<String> options = args.query().index() == null ? List.of() : List.of("--index", String.valueOf(args.query().index()));
    return new Prepared(type, new Patch(id, Patch.KIND_REBIND, fullTarget(args), args.query().name() + " = " + args.expression(),
        type.internalName(), type.loaderId(), resolution.spec(id, wrapper, lifetime == null ? null : Lifetimes.keyOf(id, lifetime)), Instant.now(), options),
        position, lifetime);
  }

  /**
   * A rebind's WHERE with the class in full, as an inject's target is recorded: a simple name the user typed
   * resolves only among loaded classes, and a script written from the patch may be applied before any is.
   */
  private String fullTarget(RebindArgs args) {
    String named = args.query().className();
    if (named.contains(".") || !args.target().startsWith(named)) {
      return args.target();
    }
    String full = new TargetClasses(context).resolve(named, args.query().loaderId(), args.query().whenLoaded()).name();
    return full + args.target().substring(named.length());
  }

  /** Checks every patch with its class's active ones, then applies them all unless dry-run. */
  List<PatchResult> apply(List<Prepared> prepared, boolean dryRun) {
    Map<Object, List<Prepared>> byClass = new LinkedHashMap<>();
    for (Prepared item : prepared) {
      byClass.computeIfAbsent(item.type().key(), key -> new ArrayList<>()).add(item);
    }
    Map<Object, WovenClass> woven = new HashMap<>();
    List<String> failures = new ArrayList<>();
    int exitCode = ExitCodes.OK;
    for (Map.Entry<Object, List<Prepared>> entry : byClass.entrySet()) {
      TargetClass type = entry.getValue().get(0).type();
      try {
        woven.put(entry.getKey(), Timings.time("weave and verify", () -> check(type, entry.getValue())));
      } catch (GraftException e) {
        failures.addAll(blame(type, entry.getValue(), e));
        exitCode = Math.max(exitCode, e.exitCode());
      }
    }
    if (!failures.isEmpty()) {
      String joined = String.join("\n", failures);
      throw new GraftException(exitCode, prepared.size() == 1 ? joined
          : "nothing applied; " + failures.size() + " of " + prepared.size() + " patches failed:\n" + joined);
    }
    if (!dryRun) {
      Map<Class<?>, List<Patch>> loaded = new LinkedHashMap<>();
      Map<Class<?>, CheckedClass> checked = new HashMap<>();
      List<Patch> waiting = new ArrayList<>();
      byClass.forEach((key, items) -> {
        List<Patch> patches = items.stream().map(Prepared::patch).toList();
        TargetClass type = items.get(0).type();
        if (type.isLoaded()) {
          loaded.put(type.loaded(), patches);
          checked.put(type.loaded(), new CheckedClass(type.original(), withActive(type, items), woven.get(key).bytes()));
        } else {
          waiting.addAll(patches);
        }
      });
      // a patch's counter is there before its class changes: its guard reads it from the first run
      List<Prepared> limited = prepared.stream().filter(item -> item.lifetime() != null).toList();
      limited.forEach(item -> lifetimes.arm(item.patch().id(), item.lifetime()));
      try {
        if (!loaded.isEmpty()) {
          Timings.time("retransform", () -> context.applier().applyAll(loaded, checked));
        }
        context.applier().await(waiting);
      } catch (RuntimeException | LinkageError failed) {
        limited.forEach(item -> lifetimes.forget(item.patch().id())); // nothing applied: no counter left behind
        throw failed;
      }
    }
    List<PatchResult> results = new ArrayList<>();
    ThreadStacks stacks = prepared.stream().anyMatch(item -> item.type().isLoaded())
        ? Timings.time("thread stacks", () -> ThreadStacks.take(context.threads())) : null;
    for (Prepared item : prepared) {
      Patch patch = item.patch();
      WovenClass classWoven = woven.get(item.type().key());
      // the diff is shown for a dry run; after an apply, `graft diff` shows it
      String diff = dryRun ? CommandHandler.diffOf(item.type().original(), classWoven, patch.id()) : null;
      List<String> methods = classWoven.changedMethods().getOrDefault(patch.id(), List.of());
      if (!dryRun) {
        String state = item.type().isLoaded() ? "applied" : "waits for its class";
        later.accept(() -> log.info("patch {} {}: {} {} `{}`\n{}", patch.id(), state, patch.kind(), patch.target(), patch.code(),
            PatchReport.of(item.type().original(), classWoven.bytes(), methods)));
      }
      ThreadStacks.Inside inside = item.type().isLoaded() ? stacks.threadsIn(item.type().loaded(), methods)
          : new ThreadStacks.Inside(List.of(), 0);
      results.add(new PatchResult(patch.id(), patch.kind(), patch.target(), item.type().name(),
          methods.stream().map(MethodNames::display).collect(Collectors.joining(", ")),
          classWoven.splicePoints().getOrDefault(patch.id(), 0), dryRun,
          inside.platformThreads(), inside.virtualThreads(), diff, !item.type().isLoaded(), List.of()));
    }
    return results;
  }

  private WovenClass check(TargetClass type, List<Prepared> added) {
    return context.applier().checkForApply(type.loaded(), type.loader(), type.original(), withActive(type, added));
  }

  /** The class's active patches, then the added ones: patches apply in the order given. */
  private List<Patch> withActive(TargetClass type, List<Prepared> added) {
    List<Patch> all = new ArrayList<>(context.registry().forClass(type.internalName(), type.loaderId()));
    added.forEach(item -> all.add(item.patch()));
    return all;
  }

  /** When a class's patches fail together, says which: each is checked alone with the active ones. */
  private List<String> blame(TargetClass type, List<Prepared> items, GraftException together) {
    if (items.size() == 1) {
      return items.stream().map(item -> at(item.position(), together.getMessage())).limit(1).toList();
    }
    List<String> failures = new ArrayList<>();
    for (Prepared item : items) {
      try {
        check(type, List.of(item));
      } catch (GraftException alone) {
        failures.add(at(item.position(), alone.getMessage()));
      }
    }
    return failures.isEmpty() ? List.of(at(items.get(0).position(), together.getMessage())) : failures;
  }

  /** A patch id; a dry run's is its own ({@code dry-run-N}) and uses up none of the registry's. */
  String newId(boolean dryRun) {
    return dryRun ? "dry-run-" + dryRuns.incrementAndGet() : context.registry().nextId();
  }

  private final java.util.concurrent.atomic.AtomicLong dryRuns = new java.util.concurrent.atomic.AtomicLong();

  private String loaderOf(Class<?> type) {
    return context.loaderIds().idOf(type.getClassLoader());
  }
}
