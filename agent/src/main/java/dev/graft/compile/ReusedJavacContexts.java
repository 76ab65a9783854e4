package dev.graft.compile;

import com.sun.source.util.JavacTask;
import java.io.Writer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.tools.DiagnosticListener;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * javac contexts kept between compiles, through javac's own {@code JavacTaskPool} (what jshell uses): a
 * warm compile then skips building the symbol table and reading the module graph again, which is most
 * of its cost (a one-line snippet: about 50 ms with a new context, under 10 ms with a kept one, here).
 *
 * <p>A context keeps the file manager it was first given: each compile hands its own to a {@link
 * HandOverFileManager} the context holds. A context keeps the classes it has read, so each class loader gets its own: two loaders may define
 * different classes under one name. Contexts are dropped once compiles stop (see {@link #dropIfIdle}),
 * so an idle agent holds none. {@code JavacTaskPool}'s package is exported only to the JDK's own tools:
 * {@link #open} exports it to graft's module (an agent may) and reaches it by reflection.
 */
public final class ReusedJavacContexts implements JavacTasks {
  private static final String POOL_PACKAGE = "com.sun.tools.javac.api";
  private static final String POOL_CLASS = POOL_PACKAGE + ".JavacTaskPool";
  private static final int MAX_LOADERS = 4;
  /** How long contexts are kept after the last compile: warm through a debugging session, gone a minute after it. */
  public static final long KEEP_MILLIS = 60_000;

  private final Constructor<?> newPool;
  private final Method getTask;
  private final Class<?> workerType;
  /** javac's pool (one context) for one class loader, and the file manager its context keeps. */
  private record Pool(Object tasks, HandOverFileManager files) {}

  private final Map<String, Pool> pools = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Pool> eldest) {
      return size() > MAX_LOADERS;
    }
  };
  private final LongSupplier clock;
  private long lastUse;

  private ReusedJavacContexts(Class<?> poolType, Class<?> workerType, LongSupplier clock) throws ReflectiveOperationException {
    this.clock = clock;
    this.lastUse = clock.getAsLong();
    this.newPool = poolType.getConstructor(int.class);
    this.getTask = poolType.getMethod("getTask", Writer.class, JavaFileManager.class, DiagnosticListener.class, Iterable.class,
        Iterable.class, Iterable.class, workerType);
    this.workerType = workerType;
  }

  /** Kept contexts when this JVM has javac and its task pool; a new context per task otherwise. Loads no javac class but one. */
  public static JavacTasks open(Instrumentation instrumentation) {
    return openWith(instrumentation::redefineModule, System::currentTimeMillis);
  }

  /** {@link #open(Instrumentation)} with the clock idleness is measured by (milliseconds). */
  static JavacTasks open(Instrumentation instrumentation, LongSupplier clock) {
    return openWith(instrumentation::redefineModule, clock);
  }

  /**
   * Kept contexts in a process to which javac's pool package is exported already (graft's CLI jar says
   * {@code Add-Exports: jdk.compiler/com.sun.tools.javac.api}, which {@code java -jar} honours, for the
   * console); a new context per task when it is not, or when this JVM has no javac.
   */
  public static JavacTasks openExported() {
    return openWith(null, System::currentTimeMillis);
  }

  /** Whether {@link #openExported} keeps contexts in this JVM. */
  public static boolean exported() {
    Module javac = ModuleLayer.boot().findModule("jdk.compiler").orElse(null);
    return javac != null && javac.isExported(POOL_PACKAGE, ReusedJavacContexts.class.getModule());
  }

  /** {@code Instrumentation.redefineModule}'s shape: how an agent exports the pool's package to graft. */
  private interface ModuleExporter {
    void redefineModule(Module module, Set<Module> reads, Map<String, Set<Module>> exports, Map<String, Set<Module>> opens,
        Set<Class<?>> uses, Map<Class<?>, List<Class<?>>> provides);
  }

  private static JavacTasks openWith(ModuleExporter exporter, LongSupplier clock) {
    try {
      Module javac = ModuleLayer.boot().findModule("jdk.compiler").orElse(null);
      Class<?> poolType = javac == null ? null : Class.forName(javac, POOL_CLASS);
      Class<?> workerType = javac == null ? null : Class.forName(javac, POOL_CLASS + "$Worker");
      if (poolType == null || workerType == null) {
        return JavacTasks.fresh();
      }
      Module graft = ReusedJavacContexts.class.getModule();
      if (exporter != null) {
        exporter.redefineModule(javac, Set.of(), Map.of(poolType.getPackageName(), Set.of(graft)), Map.of(), Set.of(), Map.of());
      } else if (!javac.isExported(POOL_PACKAGE, graft)) {
        return JavacTasks.fresh();
      }
      return new ReusedJavacContexts(poolType, workerType, clock);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return JavacTasks.fresh();
    }
  }

  @Override
  public synchronized <T> T run(String classPathKey, JavaFileManager files, DiagnosticListener<? super JavaFileObject> diagnostics,
      List<String> options, List<? extends JavaFileObject> units, Function<JavacTask, T> work) {
    lastUse = clock.getAsLong();
    Object worker = Proxy.newProxyInstance(workerType.getClassLoader(), new Class<?>[] {workerType}, (proxy, method, args) -> {
      return switch (method.getName()) {
        case "withTask" -> work.apply((JavacTask) args[0]);
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> "graft javac worker";
      };
    });
    try {
      Pool pool = poolFor(classPathKey);
      pool.files().handOver(files);
      @SuppressWarnings("unchecked") // the task type is javac's own, reached through the pool's loader by reflection
      T result = (T) getTask.invoke(pool.tasks(), NO_CONSOLE, pool.files(), diagnostics, options, null, units, worker);
      return result;
    } catch (InvocationTargetException e) {
      // a task that failed is not returned to the pool; what it threw goes on as it was
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("javac's task pool is not accessible: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void forget() {
    pools.clear();
  }

  /** How many contexts are kept now (one per class loader compiled against, at most four). */
  synchronized int kept() {
    return pools.size();
  }

  @Override
  public boolean keepsContexts() {
    return true;
  }

  @Override
  public synchronized boolean dropIfIdle(long idleMillis) {
    boolean idle = clock.getAsLong() - lastUse > idleMillis;
    if (idle) {
      pools.clear();
    }
    return idle;
  }

  private Pool poolFor(String classPathKey) throws ReflectiveOperationException {
    Pool pool = pools.get(classPathKey);
    if (pool == null) {
      pool = new Pool(newPool.newInstance(1), new HandOverFileManager());
      pools.put(classPathKey, pool);
    }
    return pool;
  }
}
