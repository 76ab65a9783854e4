package dev.graft.cli.console;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.Messages.ClassInfo;
import dev.graft.protocol.Messages.MethodInfo;
import java.io.PrintStream;
import java.util.List;

/**
 * Warms the console's javac in the background as the session starts: a few dry-run injects (compiled here,
 * woven and verified by the agent, nothing changed) of a statement that does nothing, at the first lines of
 * the target's main class, through the same commands a user's inject runs. The first real inject then
 * finds javac loaded, its platform image open and its code compiled by the JIT; one on the main class also
 * finds its javac context made.
 */
public final class JavacWarmUp {
  /** Enough compiles for the JIT to have compiled javac's hot paths, little enough to be over in a second or two. */
  private static final int ROUNDS = 8;
  private static final String NOTHING = "int __graftWarmUp = 0;";

  private JavacWarmUp() {}

  public static Thread start(ConsoleSession session) {
    Thread thread = new Thread(() -> warm(session), "graft-javac-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }

  private static void warm(ConsoleSession session) {
    String mainClass = mainClass(session.pid());
    if (mainClass == null) {
      return; // a jar or an unknown command line: the first inject warms javac itself
    }
    PrintStream nowhere = new PrintStream(PrintStream.nullOutputStream());
    String pid = String.valueOf(session.pid());
    CommandRunner.Outcome shown = session.runner().run(List.of("show", pid, mainClass), nowhere, nowhere);
    if (!(shown.result() instanceof ClassInfo info)) {
      return;
    }
    for (MethodInfo method : info.methods()) {
      if (!method.hasCode() || method.firstLine() <= 0) {
        continue;
      }
      String target = mainClass + "#" + method.name() + ":" + method.firstLine();
      List<String> dryRun = List.of("inject", pid, target, NOTHING, "--dry-run");
      if (session.runner().run(dryRun, nowhere, nowhere).exitCode() != ExitCodes.OK) {
        continue; // an overloaded name, a constructor's first line: the next method will do
      }
      for (int i = 1; i < ROUNDS; i++) {
        session.runner().run(dryRun, nowhere, nowhere);
      }
      return;
    }
  }

  /** The main class of the JVM, as its command line names it; null for {@code -jar} or when unknown. */
  static String mainClass(long pid) {
    for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
      if (descriptor.id().equals(String.valueOf(pid))) {
        String command = descriptor.displayName().strip();
        String first = command.isEmpty() ? "" : command.split("\\s+")[0];
        return first.isEmpty() || first.endsWith(".jar") ? null : first;
      }
    }
    return null;
  }
}
