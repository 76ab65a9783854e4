import dev.graft.cli.attach.AgentClassSource;
import dev.graft.cli.attach.AgentClient;
import dev.graft.cli.attach.AgentConnector;
import dev.graft.cli.attach.TargetProcess;
import dev.graft.compile.ClassSource;
import dev.graft.compile.JavacTasks;
import dev.graft.compile.ReusedJavacContexts;
import dev.graft.compile.SnippetCompiler;
import dev.graft.protocol.Messages.InjectArgs;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.Messages.RevertArgs;
import dev.graft.protocol.Messages.RevertResult;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteQuery;
import dev.graft.protocol.Protocol;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A long-lived graft client (what `graft console` or a warm CLI daemon would be), timing each step of an
 * inject, N times in one JVM, against a target whose agent is already loaded:
 *
 * <pre>
 *   java -cp graft-cli.jar:DIR CompilePlace PID_CLI PID_AGENT TARGET SNIPPET N
 * </pre>
 *
 * Three modes per round, in an order that rotates: fresh (compiled here, a new javac context per
 * compile: what the CLI does today) and reused (compiled here, javac's context kept between compiles, as
 * the agent does), both against PID_CLI, whose JVM never runs javac; agent (compiled by the agent in
 * PID_AGENT: one inject request, no site query). Each: site query, compile (class bytes asked of the agent, counted), the inject request (weave,
 * verify, redefine in the target), then a revert (timed apart). Built and run by
 * scripts/bench-compile-place.sh, never by the source launcher (that would run javac here first).
 */
public final class CompilePlace {
  public static void main(String[] args) throws Exception {
    long cliPid = Long.parseLong(args[0]);
    long agentPid = Long.parseLong(args[1]);
    String target = args[2];
    String snippet = args[3];
    int rounds = Integer.parseInt(args[4]);
    long t0 = System.nanoTime();
    AgentClient cliTarget = AgentConnector.fromEnvironment().connect(TargetProcess.of(cliPid));
    AgentClient agentTarget = AgentConnector.fromEnvironment().connect(TargetProcess.of(agentPid));
    System.out.printf("connect to both agents %.1f ms (agents already loaded)%n", ms(t0));
    SnippetCompiler fresh = new SnippetCompiler(JavacTasks.fresh());
    SnippetCompiler reused = new SnippetCompiler(ReusedJavacContexts.open(noModuleChanges()));
    String[] modes = {"fresh", "reused", "agent"};
    java.util.Map<String, List<double[]>> all = new java.util.LinkedHashMap<>();
    System.out.println("round mode     site ms  compile ms  class reqs  reqs ms  inject ms  revert ms  total ms (site+compile+inject)");
    for (int i = 1; i <= rounds; i++) {
      for (int m = 0; m < modes.length; m++) {
        String mode = modes[(m + i) % modes.length]; // the order rotates from round to round
        AgentClient agent = mode.equals("agent") ? agentTarget : cliTarget;
        SnippetCompiler compiler = switch (mode) {
          case "fresh" -> fresh;
          case "reused" -> reused;
          default -> null;
        };
        double site = 0, compile = 0, inject, revert;
        Counting classes = null;
        InjectArgs injectArgs;
        if (compiler != null) {
          long t = System.nanoTime();
          SiteInfo info = agent.call(Protocol.OP_SITE, new SiteQuery(target, null, false), SiteInfo.class);
          site = ms(t);
          classes = new Counting(new AgentClassSource(agent, info.loaderId()));
          t = System.nanoTime();
          SnippetCompiler.Compiled compiled = compiler.compileStatements(classes, info, snippet);
          compile = ms(t);
          injectArgs = new InjectArgs(target, info.loaderId(), snippet, compiled.wrapperName(),
              Base64.getEncoder().encodeToString(compiled.bytes()), compiled.localNames(), false, false, false);
        } else {
          injectArgs = new InjectArgs(target, null, snippet, null, null, null, false, false, false);
        }
        long t = System.nanoTime();
        agent.call(Protocol.OP_INJECT, injectArgs, PatchResult.class);
        inject = ms(t);
        t = System.nanoTime();
        agent.call(Protocol.OP_REVERT, new RevertArgs(List.of(), true), RevertResult.class);
        revert = ms(t);
        double total = site + compile + inject;
        all.computeIfAbsent(mode, k -> new ArrayList<>()).add(new double[] {site, compile, inject, revert, total});
        System.out.printf("%5d %-6s %9.1f %11.1f %11d %8.1f %10.1f %10.1f %9.1f%n", i, mode, site, compile,
            classes == null ? 0 : classes.requests, classes == null ? 0 : classes.nanos / 1e6, inject, revert, total);
      }
    }
    if (rounds >= 3) {
      String[] names = {"site", "compile", "inject", "revert", "total"};
      for (String mode : modes) {
        List<double[]> rows = all.get(mode);
        StringBuilder line = new StringBuilder(String.format("median of rounds 3..%d %-6s:", rounds, mode));
        for (int c = 0; c < names.length; c++) {
          final int col = c;
          double[] column = rows.subList(2, rounds).stream().mapToDouble(r -> r[col]).toArray();
          Arrays.sort(column);
          line.append(String.format(" %s %.1f", names[c], column[column.length / 2]));
        }
        System.out.println(line + " ms");
      }
    }
    cliTarget.close();
    agentTarget.close();
    System.exit(0);
  }

  static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }

  /** The agent's export of javac's task pool to graft's module: here the harness runs with --add-exports instead. */
  static Instrumentation noModuleChanges() {
    return (Instrumentation) Proxy.newProxyInstance(CompilePlace.class.getClassLoader(), new Class<?>[] {Instrumentation.class},
        (proxy, method, args) -> method.getName().equals("redefineModule") ? null : method.getReturnType() == boolean.class ? false : null);
  }

  /** The target's class bytes, asked of the agent, counted and timed. */
  static final class Counting implements ClassSource {
    final ClassSource inner;
    int requests;
    long nanos;

    Counting(ClassSource inner) {
      this.inner = inner;
    }

    @Override
    public List<String> classNames(String packageName) {
      long t = System.nanoTime();
      try {
        return inner.classNames(packageName);
      } finally {
        requests++;
        nanos += System.nanoTime() - t;
      }
    }

    @Override
    public byte[] classBytes(String className) {
      long t = System.nanoTime();
      try {
        return inner.classBytes(className);
      } finally {
        requests++;
        nanos += System.nanoTime() - t;
      }
    }
  }
}
