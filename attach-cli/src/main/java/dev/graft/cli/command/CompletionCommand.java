package dev.graft.cli.command;

import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code graft completion}: a bash (and zsh, through bashcompinit) completion script, from picocli. */
@Command(name = "completion", description = {
    "Print a bash/zsh completion script for graft. Install: source <(graft completion)",
    "(zsh: autoload -U +X bashcompinit && bashcompinit first)."})
public final class CompletionCommand extends GraftCommand {
  @Override
  Object execute() {
    String script = AutoComplete.bash("graft", spec.root().commandLine());
    if (!common.json) {
      out().print(script);
      out().flush();
    }
    return Map.of("bash", script);
  }
}
