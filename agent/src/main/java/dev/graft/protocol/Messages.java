package dev.graft.protocol;

import java.util.List;
import java.util.Map;

/** The arguments and results carried by {@link Wire.Request} and {@link Wire.Response}, one record each. */
public final class Messages {
  private Messages() {}

  public record Hello(String clientVersion) {}

  /** {@code compiles}: the agent's JVM has javac, and compiles snippets it is sent uncompiled. */
  public record HelloResult(
      String agentVersion, int protocol, long pid, String javaVersion, String logFile, String socket, boolean compiles) {}

  /** Names a class, and the loader that defined it when several did (null: the only one). */
  public record ClassQuery(String className, String loaderId) {}

  public record ShowArgs(String className, String method, String loaderId, boolean bytecode) {}

  public record LocalVar(String name, String type) {}

  /**
   * A line with code and what a snippet sees there.
   *
   * @param inlinedFrom for a line past the end of a Kotlin file, where its SMAP says the code comes from
   *     ({@code File.kt:LINE}); null otherwise
   * @param unusable names in scope that no snippet can use (kotlinc's markers, names that are not Java's)
   */
  public record LineScope(int line, List<LocalVar> locals, String inlinedFrom, List<String> unusable) {
    public LineScope(int line, List<LocalVar> locals) {
      this(line, locals, null, List.of());
    }
  }

  public record MethodInfo(
      String name,
      String descriptor,
      String display,
      int firstLine,
      int lastLine,
      boolean hasCode,
      boolean hasLocalVariableTable,
      List<LineScope> lines) {}

  public record ClassInfo(
      String className,
      String loaderId,
      String loaderName,
      String sourceFile,
      int classVersion,
      List<MethodInfo> methods,
      String bytecode,
      String bytecodeSha256,
      List<String> notes) {}

  /** Class file bytes, base64, as the defining loader serves them. */
  public record ClassBytes(String className, String loaderId, String base64) {}

  public record PackageQuery(String loaderId, String packageName) {}

  public record PackageListing(String packageName, List<String> classNames) {}

  /** A local or parameter the snippet may use: its source name, source type and descriptor. */
  public record SiteLocal(String name, String sourceType, String descriptor) {}

  /**
   * Where a snippet would go: what the CLI needs to write and compile the snippet's wrapper.
   *
   * @param beforeConstructorCall the snippet runs in a constructor before its super(...) or this(...) call,
   *     where there is no object yet: it gets no {@code self}, and is compiled as static code
   */
  public record SiteInfo(
      String className,
      String loaderId,
      String methodName,
      String methodDescriptor,
      boolean isStatic,
      boolean isInterface,
      String returnType,
      List<SiteLocal> locals,
      int splicePoints,
      int targetJavaFeature,
      boolean agentCompiles,
      List<String> notes,
      List<String> imports,
      Map<String, List<String>> ambiguousTypes,
      boolean beforeConstructorCall) {
    /** Whether the snippet has an object to work on: {@code self}, {@code this} and the instance's fields. */
    public boolean hasSelf() {
      return !isStatic && !beforeConstructorCall;
    }
  }

  /**
   * @param whenLoaded the class may not be loaded yet: resolve it from its loader's class file
   * @param onThrow at a method's exit, the snippet also runs when an exception leaves the method ({@code --on-throw}):
   *     {@code thrown} is in scope, and only the locals in scope all through the method (its parameters)
   */
  public record SiteQuery(String target, String loaderId, boolean whenLoaded, boolean onThrow) {
    public SiteQuery(String target, String loaderId, boolean whenLoaded) {
      this(target, loaderId, whenLoaded, false);
    }
  }

  /**
   * A snippet to splice: the source the user wrote and, when the CLI compiled it, its wrapper class
   * (base64) and the locals it takes; with no wrapper the agent compiles it (see {@code SiteInfo.agentCompiles}).
   */
  public record InjectArgs(
      String target,
      String loaderId,
      String code,
      String wrapperClass,
      String wrapperBase64,
      List<String> localNames,
      boolean propagate,
      boolean whenLoaded,
      boolean dryRun,
      Lifetime lifetime,
      boolean onThrow) {
    public InjectArgs(String target, String loaderId, String code, String wrapperClass, String wrapperBase64, List<String> localNames,
        boolean propagate, boolean whenLoaded, boolean dryRun) {
      this(target, loaderId, code, wrapperClass, wrapperBase64, localNames, propagate, whenLoaded, dryRun, null, false);
    }

    /** The same request with its snippet compiled. */
    public InjectArgs compiled(String wrapper, String base64, List<String> locals) {
      return new InjectArgs(target, loaderId, code, wrapper, base64, locals, propagate, whenLoaded, dryRun, lifetime, onThrow);
    }

    /** Where its snippet goes, as a site question. */
    public SiteQuery siteQuery() {
      return new SiteQuery(target, loaderId, whenLoaded, onThrow);
    }
  }

  /**
   * How long a patch lives (DESIGN §2, {@code --hits N}, {@code --for DURATION}): it reverts itself after
   * {@code hits} runs of its code or {@code millis} after it was applied, whichever comes first; null: not limited.
   */
  public record Lifetime(Long hits, Long millis) {}

  public record PatchResult(
      String id,
      String kind,
      String target,
      String className,
      String method,
      int splicePoints,
      boolean dryRun,
      List<String> threadsInMethod,
      int virtualThreadsInMethod,
      String diff,
      boolean waiting,
      List<String> notes) {
    /** The same result, with what the agent noticed about the site when it compiled the snippet itself. */
    public PatchResult withNotes(List<String> siteNotes) {
      return new PatchResult(id, kind, target, className, method, splicePoints, dryRun, threadsInMethod, virtualThreadsInMethod, diff, waiting, siteNotes);
    }
  }

  /**
   * @param lostBecause for a patch in state {@code lost}, why the JVM runs its class without it; else null
   * @param hitsLeft for a patch with {@code --hits}, how many more runs of its code it has; else null
   * @param millisLeft for a patch with {@code --for}, how long until it reverts itself; else null
   * @param script the patch as a patch-script statement that makes it again (without its lifetime); null
   *     for a patch graft made itself (a watch's, a Kotlin inline function's copy), which no script states
   */
  public record PatchInfo(
      String id, String kind, String target, String code, String since, long exceptionsCaught, String state, String lostBecause,
      Long hitsLeft, Long millisLeft, String script) {}

  /** {@code logProblem}: why the agent's log cannot be written (a read-only or full directory), or null. */
  public record PatchList(List<PatchInfo> patches, String logFile, String logProblem) {}

  /**
   * What to rebind: the closure created at {@code line} of the class (with {@code name} its captured
   * variable), or, when {@code method} is set, the field {@code name} ({@code OWNER.FIELD}) read by it.
   */
  public record RebindQuery(String className, int line, String method, String name, Integer index, String loaderId, boolean whenLoaded) {}

  /** A rebinding resolved: what will change, and the wrapper the CLI compiles the expression in. */
  public record RebindSite(String description, String wovenClass, SiteInfo wrapper) {}

  public record RebindArgs(RebindQuery query, String target, String expression, String wrapperBase64, boolean dryRun, Lifetime lifetime) {
    public RebindArgs(RebindQuery query, String target, String expression, String wrapperBase64, boolean dryRun) {
      this(query, target, expression, wrapperBase64, dryRun, null);
    }

    /** The same request with its expression compiled. */
    public RebindArgs compiled(String base64) {
      return new RebindArgs(query, target, expression, base64, dryRun, lifetime);
    }
  }

  /** One patch of a script: an inject or a rebind, and where the script says it. */
  public record ApplyItem(String position, InjectArgs inject, RebindArgs rebind) {}

  public record ApplyArgs(List<ApplyItem> items, boolean dryRun) {}

  public record ApplyResult(List<PatchResult> patches) {}

  public record DiffArgs(String id) {}

  public record DiffResult(String id, String diff) {}

  public record RevertArgs(List<String> ids, boolean all) {}

  public record RevertResult(List<String> reverted) {}

  /** {@code graft classes}: loaded classes matching a glob, optionally with their methods. */
  public record ClassesArgs(String pattern, boolean methods) {}

  /** A loaded class: its name, defining loader, and (with --methods) its methods with their lines. */
  public record FoundClass(String className, String loaderId, String loaderName, List<String> methods) {}

  /** @param more how many further classes matched beyond those listed */
  public record ClassesResult(List<FoundClass> classes, int more) {}

  /** A watch's queue and dropped-hits counter, as system properties the spliced code finds them by. */
  public record WatchOpened(String token, String queueProperty, String droppedProperty, long leaseMillis) {}

  public record WatchPoll(String token, int most) {}

  public record WatchClose(String token) {}

  /** One hit: when (epoch ms), on which thread, each expression's value as text. */
  public record WatchHit(long time, String thread, List<String> values) {}

  /**
   * Hits since the last poll: those shown, how many more were not (the rate), and of all hits so far how
   * many there were and how many the full queue dropped.
   */
  public record WatchHits(List<WatchHit> hits, int notShown, long total, long dropped) {}
}
