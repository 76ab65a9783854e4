package dev.graft.cli.console;

import dev.graft.cli.attach.AgentClient;
import dev.graft.cli.attach.AgentConnector;
import dev.graft.cli.attach.TargetProcess;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteLocal;
import dev.graft.protocol.Messages.SiteQuery;
import dev.graft.protocol.PatchTarget;
import dev.graft.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab in the console: its commands; then what {@code graft __complete} offers for the same words with the
 * PID put in (options, classes, {@code CLASS#method}, lines with code, from the live JVM); inside a
 * snippet, the locals in scope at the command's target, as the agent resolves the site.
 */
final class ConsoleCompleter implements Completer {
  /** Commands whose second word is a target or a class; the others' words need no JVM. */
  private static final Set<String> NAME_TARGETS = Set.of("inject", "watch", "rebind");
  /** Commands whose third and later words are Java (a snippet, watched expressions, a binding). */
  private static final Set<String> TAKE_JAVA = Set.of("inject", "watch", "rebind");
  private static final Duration QUICK = Duration.ofSeconds(2);

  private final ConsoleSession session;

  ConsoleCompleter(ConsoleSession session) {
    this.session = session;
  }

  @Override
  public void complete(LineReader reader, ParsedLine parsedLine, List<Candidate> candidates) {
    ConsoleParser.Parsed line = (ConsoleParser.Parsed) parsedLine;
    List<String> before = line.split().before();
    String current = line.word();
    if (before.isEmpty()) {
      ConsoleSession.COMMANDS.stream().filter(name -> name.startsWith(current)).forEach(name -> candidates.add(candidate(name, true)));
      return;
    }
    String command = before.get(0);
    List<String> positionals = before.subList(1, before.size()).stream().filter(word -> !word.startsWith("-")).toList();
    // after the target comes Java: inject's CODE, watch's expressions, rebind's NAME=EXPR
    if (TAKE_JAVA.contains(command) && !positionals.isEmpty() && (line.inSnippet() || !current.startsWith("-"))) {
      locals(positionals.get(0), current).forEach(name -> candidates.add(candidate(name, false)));
      return;
    }
    if (!ConsoleSession.TAKE_PID.contains(command) && !current.startsWith("-")) {
      return;
    }
    List<String> words = new ArrayList<>(List.of("__complete", "--"));
    words.addAll(session.commandOf(before));
    words.add(current);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(out, true, StandardCharsets.UTF_8);
    session.runner().run(words, sink, new PrintStream(PrintStream.nullOutputStream()));
    for (String value : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      // a class or CLASS#method is the start of a target: no blank after it, the user goes on with # or :
      boolean whole = value.startsWith("-") || !NAME_TARGETS.contains(command) || value.contains(":");
      candidates.add(candidate(value, whole));
    }
  }

  /** The names a snippet at {@code target} may use that start with {@code prefix}: locals and parameters, self, result. */
  private List<String> locals(String target, String prefix) {
    TreeSet<String> names = new TreeSet<>();
    try (AgentClient agent = AgentConnector.fromEnvironment().timeout(QUICK).connectIfLoaded(TargetProcess.of(session.pid()))) {
      if (agent == null) {
        return List.of();
      }
      SiteInfo site = agent.call(Protocol.OP_SITE, new SiteQuery(target, null, false), SiteInfo.class);
      site.locals().stream().map(SiteLocal::name).forEach(names::add);
      if (site.hasSelf()) {
        names.add("self");
      }
      if (target.endsWith(":exit")) {
        names.add(PatchTarget.RESULT);
      }
    } catch (GraftException e) {
      return List.of(); // no such class or line (yet): nothing to offer, the command will say why
    }
    return names.stream().filter(name -> name.startsWith(prefix)).toList();
  }

  private static Candidate candidate(String value, boolean complete) {
    return new Candidate(value, value, null, null, null, null, complete);
  }
}
