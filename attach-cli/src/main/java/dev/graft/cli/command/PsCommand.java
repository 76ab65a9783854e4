package dev.graft.cli.command;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.graft.cli.attach.AgentClient;
import dev.graft.cli.attach.AgentPresence;
import dev.graft.cli.attach.TargetNamespace;
import dev.graft.cli.attach.TargetProcess;
import dev.graft.cli.attach.UnlistedJvms;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.Hello;
import dev.graft.protocol.Messages.HelloResult;
import dev.graft.protocol.Protocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * {@code graft ps}: this user's JVMs, found without attaching to any of them. The JDK's list reads every
 * process's hsperfdata, a container's included (under /proc/PID/root/tmp), so from the node it lists the
 * JVMs in containers too.
 */
@Command(name = "ps", description = "List the JVMs of this user: pid, main class, Java version, graft agent.")
public final class PsCommand extends GraftCommand {
  /**
   * One JVM as ps reports it; {@code agent} is the graft version loaded in it, or null; {@code agentNoSocket}:
   * an agent is loaded (its jar is open in the process) but its socket does not answer; any command reopens it.
   * For a JVM in a container (its own pid or mount namespace), {@code namespacePid} is the pid it sees itself
   * and {@code root} where its files are reached from here; both null for a JVM beside this CLI.
   * {@code attachListed} is false for a JVM the JDK's Attach API does not list (started with
   * -XX:+DisableAttachMechanism, or -XX:-UsePerfData), found in /proc: with attach disabled graft reaches it
   * only through an agent it was started with ({@code -javaagent}).
   */
  public record Jvm(long pid, String main, String javaVersion, String agent, boolean agentNoSocket, Long namespacePid, String root,
      boolean attachListed) {}

  @Override
  Object execute() {
    long self = ProcessHandle.current().pid();
    List<Jvm> jvms = new ArrayList<>();
    Set<Long> listed = new HashSet<>();
    for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
      long pid;
      try {
        pid = Long.parseLong(descriptor.id());
      } catch (NumberFormatException e) {
        continue;
      }
      listed.add(pid);
      if (pid != self) {
        describe(pid, mainOf(descriptor), true).ifPresent(jvms::add);
      }
    }
    for (long pid : UnlistedJvms.besides(listed)) {
      describe(pid, UnlistedJvms.mainOf(pid), false).ifPresent(jvms::add);
    }
    say(String.format("%-8s %-10s %-8s %s", "PID", "JAVA", "AGENT", "MAIN"));
    for (Jvm jvm : jvms) {
      String agent = jvm.agentNoSocket() ? "agent (no socket)" : jvm.agent() == null ? "-" : jvm.agent();
      String contained = jvm.namespacePid() == null ? "" : "  (in a container: pid " + jvm.namespacePid() + ", files under " + jvm.root() + ")";
      String unattachable = jvm.attachListed() ? "" : jvm.agent() != null ? "  (not in the Attach API's list; reached through its agent)"
          : "  (not in the Attach API's list: -XX:+DisableAttachMechanism, or -XX:-UsePerfData)";
      say(String.format("%-8d %-10s %-8s %s", jvm.pid(), jvm.javaVersion(), agent, jvm.main()) + contained + unattachable);
    }
    UnlistedJvms.ofOtherUsers().forEach((user, pids) -> say("note: " + pids.size() + " JVM(s) of user " + user + " not listed ("
        + pids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + "): graft serves only your own; "
        + "sudo -u " + user + " graft ps"));
    return jvms;
  }

  private Optional<Jvm> describe(long pid, String main, boolean attachListed) {
    TargetProcess target;
    try {
      target = TargetProcess.of(pid);
    } catch (GraftException e) {
      return Optional.empty(); // gone, or not ours
    }
    String agent = agentVersion(target);
    TargetNamespace namespace = target.namespace();
    return Optional.of(new Jvm(pid, main, target.javaVersion(), agent, agent == null && socketRefuses(target) && AgentPresence.started(target),
        namespace.isContained() ? namespace.namespacePid() : null, namespace.isContained() ? namespace.root().toString() : null, attachListed));
  }

  private static String mainOf(VirtualMachineDescriptor descriptor) {
    String name = descriptor.displayName();
    if (name == null || name.isBlank()) {
      return "?";
    }
    int space = name.indexOf(' ');
    return space < 0 ? name : name.substring(0, space);
  }

  private static final java.time.Duration HELLO_TIMEOUT = java.time.Duration.ofSeconds(2);

  /** No socket, or one nobody listens on; not a JVM that is merely slow or stopped (its socket accepts, then is silent). */
  private static boolean socketRefuses(TargetProcess target) {
    try (AgentClient client = AgentClient.open(target.socket(), target.pid())) {
      return false;
    } catch (java.io.IOException e) {
      return true;
    }
  }

  private static String agentVersion(TargetProcess target) {
    try (AgentClient client = AgentClient.open(target.socket(), target.pid())) {
      client.timeout(HELLO_TIMEOUT); // a listing must not wait on one stuck JVM
      return client.call(Protocol.OP_HELLO, new Hello(Protocol.AGENT_VERSION), HelloResult.class).agentVersion();
    } catch (java.io.IOException | GraftException e) {
      return null;
    }
  }
}
