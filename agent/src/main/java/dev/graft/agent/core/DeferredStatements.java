package dev.graft.agent.core;

import dev.graft.patch.ClassDefinitionHook;
import dev.graft.script.ScriptStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A start-up script's statements whose class no loader could serve when the JVM started. When a loader
 * defines the class, on the thread that loads it, they are compiled against that loader and registered,
 * and the transformer weaves them into the class being defined: one class's statements all or none. A
 * class defined by a second loader later is not patched.
 */
final class DeferredStatements implements ClassDefinitionHook {
  /** An application thread must never wait long for graft: a busy channel (a long command) is given this long. */
  private static final long LOCK_WAIT_SECONDS = 10;
  private final CommandHandler handler;
  private final AgentContext context;
  private final Map<String, List<ScriptStatement>> waiting;
  private final String scriptName;
  private final Logger log;

  DeferredStatements(CommandHandler handler, AgentContext context, Map<String, List<ScriptStatement>> waiting, String scriptName, Logger log) {
    this.handler = handler;
    this.context = context;
    this.waiting = new ConcurrentHashMap<>(waiting);
    this.scriptName = scriptName;
    this.log = log;
  }

  @Override
  public boolean awaits(String internalName) {
    return waiting.containsKey(internalName);
  }

  @Override
  public void defining(ClassLoader loader, String internalName) {
    List<ScriptStatement> statements = waiting.remove(internalName);
    if (statements == null) {
      return;
    }
    String className = internalName.replace('/', '.');
    Thread thread = Thread.currentThread();
    ClassLoader applicationContext = thread.getContextClassLoader();
    try {
      if (!handler.lock.tryLock(LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
        fail(className, "graft was busy for " + LOCK_WAIT_SECONDS + " s");
        return;
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      return;
    }
    try {
      thread.setContextClassLoader(DeferredStatements.class.getClassLoader()); // javac's service lookups stay out of the application
      String loaderId = context.loaderIds().idOf(loader);
      int applied = handler.batch.apply(StartupScript.prepare(handler, context, statements, scriptName, loaderId), false).size();
      log.info("start-up script {}: {} patch(es) of {} compiled against {} as it is defined", scriptName, applied, className,
          LoaderIds.describe(loader));
    } catch (RuntimeException | LinkageError e) { // a rejection (GraftException) or worse: the class loads unpatched
      log.error("start-up script {}: patches of {} not applied", scriptName, className, e);
      fail(className, e.getMessage());
    } finally {
      thread.setContextClassLoader(applicationContext);
      handler.lock.unlock();
    }
    handler.afterReply();
  }

  private void fail(String className, String why) {
    System.err.println("graft: start-up script " + scriptName + ": the patches of " + className + " are not applied: "
        + String.valueOf(why).lines().findFirst().orElse("") + " (details in " + context.log().file() + ")");
  }
}
