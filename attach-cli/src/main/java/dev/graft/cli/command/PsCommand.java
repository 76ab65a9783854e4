package dev.graft.cli.command;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.graft.cli.attach.AgentClient;
import dev.graft.cli.attach.TargetProcess;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.Hello;
import dev.graft.protocol.Messages.HelloResult;
import dev.graft.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code graft ps}: this user's JVMs, found without attaching to any of them. */
@Command(name = "ps", description = "List the JVMs of this user: pid, main class, Java version, graft agent.")
public final class PsCommand extends GraftCommand {
  /** One JVM as ps reports it; {@code agent} is the graft version loaded in it, or null. */
  public record Jvm(long pid, String main, String javaVersion, String agent) {}

  @Override
  Object execute() {
    long self = ProcessHandle.current().pid();
    List<Jvm> jvms = new ArrayList<>();
    for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
      long pid;
      try {
        pid = Long.parseLong(descriptor.id());
      } catch (NumberFormatException e) {
        continue;
      }
      if (pid == self) {
        continue;
      }
      TargetProcess target;
      try {
        target = TargetProcess.of(pid);
      } catch (GraftException e) {
        continue; // gone, or not ours
      }
      jvms.add(new Jvm(pid, mainOf(descriptor), target.javaVersion(), agentVersion(target)));
    }
    say(String.format("%-8s %-10s %-8s %s", "PID", "JAVA", "AGENT", "MAIN"));
    for (Jvm jvm : jvms) {
      say(String.format("%-8d %-10s %-8s %s", jvm.pid(), jvm.javaVersion(), jvm.agent() == null ? "-" : jvm.agent(), jvm.main()));
    }
    return jvms;
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

  private static String agentVersion(TargetProcess target) {
    try (AgentClient client = AgentClient.open(target.socket(), target.pid())) {
      client.timeout(HELLO_TIMEOUT); // a listing must not wait on one stuck JVM
      return client.call(Protocol.OP_HELLO, new Hello(Protocol.AGENT_VERSION), HelloResult.class).agentVersion();
    } catch (java.io.IOException | GraftException e) {
      return null;
    }
  }
}
