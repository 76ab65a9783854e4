package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClient;
import dev.graft.protocol.Messages.ClassInfo;
import dev.graft.protocol.Messages.LineScope;
import dev.graft.protocol.Messages.LocalVar;
import dev.graft.protocol.Messages.MethodInfo;
import dev.graft.protocol.Messages.ShowArgs;
import dev.graft.protocol.Protocol;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code graft show PID CLASS[#METHOD]}: methods, lines, locals per line, and optionally the bytecode. */
@Command(name = "show", description = "Show a class's methods and line ranges; for a method, the locals in scope at each line.")
public final class ShowCommand extends GraftCommand {
  @picocli.CommandLine.Mixin
  LoaderOptions loaders;

  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Parameters(index = "1", paramLabel = "CLASS[#METHOD]", description = "A loaded class, optionally one of its methods.")
  String what;

  @Option(names = "--bytecode", description = "Print the disassembly of the bytes the JVM runs now (ASM Textifier).")
  boolean bytecode;

  @Override
  Object execute() {
    int hash = what.indexOf('#');
    String className = hash < 0 ? what : what.substring(0, hash);
    String method = hash < 0 ? null : what.substring(hash + 1);
    try (AgentClient agent = connect(pid)) {
      ClassInfo info = agent.call(Protocol.OP_SHOW, new ShowArgs(className, method, loaders.loader(), bytecode), ClassInfo.class);
      render(info, method != null);
      return info;
    }
  }

  private void render(ClassInfo info, boolean withLines) {
    say("class " + info.className() + "  (loader " + info.loaderId() + ": " + info.loaderName()
        + (info.sourceFile() == null ? "" : ", source " + info.sourceFile()) + ", class file version " + info.classVersion() + ")");
    info.notes().forEach(note -> say("note: " + note));
    for (MethodInfo method : info.methods()) {
      String lines = !method.hasCode() ? "no code (abstract or native)"
          : method.firstLine() == 0 ? "no line numbers" : method.firstLine() == method.lastLine()
          ? "line " + method.firstLine() : "lines " + method.firstLine() + "-" + method.lastLine();
      say(String.format("  %-40s %s", method.display(), lines));
      if (withLines) {
        if (method.hasCode() && !method.hasLocalVariableTable()) {
          say("    (no LocalVariableTable: compiled without -g; only parameters are in scope)");
        }
        for (LineScope line : method.lines()) {
          String locals = line.locals().stream().map(ShowCommand::local).collect(Collectors.joining(", "));
          String from = line.inlinedFrom() == null ? "" : "  [inlined from " + line.inlinedFrom() + "]";
          String unusable = line.unusable() == null || line.unusable().isEmpty() ? ""
              : "  (not offered to snippets: " + String.join(", ", line.unusable()) + ")";
          say(String.format("    %5d  %s%s%s", line.line(), locals.isEmpty() ? "-" : locals, from, unusable));
        }
      }
    }
    if (info.bytecode() != null) {
      say("");
      say(info.bytecode().stripTrailing());
    }
  }

  private static String local(LocalVar local) {
    return local.name() + ": " + local.type();
  }
}
