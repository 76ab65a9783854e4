package dev.graft.cli.command;

import java.util.Map;
import picocli.CommandLine.Command;

/** {@code graft completion}: a bash (and zsh, through bashcompinit) completion script, from picocli. */
@Command(name = "completion", description = {
    "Print a bash/zsh completion script for graft. Install: source <(graft completion)",
    "(zsh: autoload -U +X bashcompinit && bashcompinit first)."})
public final class CompletionCommand extends GraftCommand {
  /**
   * The shell asks graft itself (`graft __complete`) for each word: the candidates come from the live JVMs
   * (PIDs, classes, methods, lines with code), which no static script could list. ':' is taken out of the
   * word breaks, so that {@code Pricing:12} is one word.
   */
  static final String SCRIPT = """
      # graft completion: source <(graft completion)
      COMP_WORDBREAKS=${COMP_WORDBREAKS//:}
      _graft_complete() {
        local IFS=$'\\n'
        COMPREPLY=( $(graft __complete -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) )
      }
      complete -o default -F _graft_complete graft
      """;

  @Override
  Object execute() {
    String script = SCRIPT;
    if (!common.json) {
      out().print(script);
      out().flush();
    }
    return Map.of("bash", script);
  }
}
