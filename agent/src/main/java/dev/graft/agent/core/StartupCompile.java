package dev.graft.agent.core;

import dev.graft.patch.ClassDefinitionHook;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A start-up script's patches of classes whose files a loader serves are compiled on a thread of graft's
 * while {@code main} runs, not before it (javac's first compile in a JVM takes most of a second, which the
 * application's start would otherwise wait for). A thread that defines one of those classes first waits
 * for that compile, so the class is still patched before its code first runs; the other classes are never
 * held up. Classes no loader can serve yet are the {@link DeferredStatements}' (compiled as defined).
 */
final class StartupCompile implements ClassDefinitionHook {
  /** Longer than any compile of a few statements, even on a loaded machine; a class is never held for good. */
  private static final long WAIT_SECONDS = 120;
  private final Set<String> compiling;
  private final ClassDefinitionHook deferred;
  private final String scriptName;
  private final CountDownLatch done = new CountDownLatch(1);

  /** {@code compiling}: internal names of the classes whose patches the background compile registers. */
  StartupCompile(Set<String> compiling, ClassDefinitionHook deferred, String scriptName) {
    this.compiling = Set.copyOf(compiling);
    this.deferred = deferred;
    this.scriptName = scriptName;
  }

  /** Runs the compile and registration, then lets every waiting definition go on. */
  void finish(Runnable compileAndRegister) {
    try {
      compileAndRegister.run();
    } finally {
      done.countDown();
    }
  }

  @Override
  public boolean awaits(String internalName) {
    return (done.getCount() > 0 && compiling.contains(internalName)) || deferred.awaits(internalName);
  }

  @Override
  public void defining(ClassLoader loader, String internalName) {
    if (compiling.contains(internalName)) {
      try {
        if (!done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
          System.err.println("graft: start-up script " + scriptName + ": " + internalName.replace('/', '.') + " was defined while its patches "
              + "were still compiling after " + WAIT_SECONDS + " s; it runs unpatched");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (deferred.awaits(internalName)) {
      deferred.defining(loader, internalName);
    }
  }
}
