package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClient;
import dev.graft.protocol.Messages.ClassesArgs;
import dev.graft.protocol.Messages.ClassesResult;
import dev.graft.protocol.Messages.FoundClass;
import dev.graft.protocol.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code graft classes PID PATTERN [--methods]}: what is loaded, and by which loader (Arthas's sc and sm). */
@Command(name = "classes", description = "List loaded classes matching a glob ('*Shop*': simple names; 'com.acme.**': full names), "
    + "with their class loaders.")
public final class ClassesCommand extends GraftCommand {
  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Parameters(index = "1", paramLabel = "PATTERN", description = "* any characters but a dot, ** any, ? one; no dot: the simple name.")
  String pattern;

  @Option(names = "--methods", description = "Also list each class's methods with their lines.")
  boolean methods;

  @Override
  Object execute() {
    try (AgentClient agent = connect(pid)) {
      ClassesResult result = agent.call(Protocol.OP_CLASSES, new ClassesArgs(pattern, methods), ClassesResult.class);
      if (result.classes().isEmpty()) {
        say("no loaded class matches " + pattern + (pattern.contains(".") ? "" : " (a pattern without a dot matches simple names)"));
      }
      for (FoundClass found : result.classes()) {
        say(String.format("%-60s loader %s (%s)", found.className(), found.loaderId(), found.loaderName()));
        if (found.methods() != null) {
          found.methods().forEach(method -> say("    " + method));
        }
      }
      if (result.more() > 0) {
        say("... and " + result.more() + " more; narrow the pattern");
      }
      return result;
    }
  }
}
