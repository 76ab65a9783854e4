package dev.graft.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Per-call cost of a static counter increment at a line (DESIGN §6): a tiny static method, unpatched; with
 * {@code Counter.hits++;} written in the source; spliced by graft at line 8; and done by a Byteman
 * {@code AT LINE 8} rule, compiled to bytecode and interpreted. Every variant has a class of its own (same
 * source), and each benchmark runs in a fork of its own, so one tool's agent never touches another's target.
 * graft and Byteman are loaded the way an operator would: their CLIs, run as child processes, attach to the
 * fork in {@code @Setup(Level.Trial)}; the set-up checks that the counter then moves by one per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@State(Scope.Thread)
public class PerCall {
  /** The line of {@code int y = x + 1;} in Plain, Spliced, BytemanCompiled, BytemanInterpreted. */
  static final int LINE = 8;

  int x = 42;

  @Benchmark
  public int unpatched() {
    return Plain.target(x);
  }

  @Benchmark
  public int inSource() {
    return InSource.target(x);
  }

  @Benchmark
  public int graftSpliced(GraftPatch patch) {
    return Spliced.target(x);
  }

  @Benchmark
  public int bytemanCompiled(BytemanCompiledRule rule) {
    return BytemanCompiled.target(x);
  }

  @Benchmark
  public int bytemanInterpreted(BytemanInterpretedRule rule) {
    return BytemanInterpreted.target(x);
  }

  static void check(String what, Runnable call) {
    int before = Counter.hits;
    call.run();
    if (Counter.hits != before + 1) {
      throw new IllegalStateException(what + ": the counter did not move (" + before + " -> " + Counter.hits + ")");
    }
  }

  static String rule(String clazz) {
    return "RULE count " + clazz + "\n"
        + "CLASS dev.graft.bench." + clazz + "\n"
        + "METHOD target\n"
        + "AT LINE " + LINE + "\n"
        + "IF true\n"
        + "DO dev.graft.bench.Counter.hits = dev.graft.bench.Counter.hits + 1\n"
        + "ENDRULE\n";
  }

  @State(Scope.Benchmark)
  public static class GraftPatch {
    @Setup(Level.Trial)
    public void inject() throws Exception {
      Spliced.target(0);
      int unused = Counter.hits;
      System.out.print("\n[graft] " + Tools.graftInject("dev.graft.bench.Spliced:" + LINE, "Counter.hits++;"));
      check("graft", () -> Spliced.target(1));
    }

    @TearDown(Level.Trial)
    public void report() {
      System.out.println("\n[graft] Counter.hits = " + Counter.hits);
    }
  }

  @State(Scope.Benchmark)
  public static class BytemanCompiledRule {
    @Setup(Level.Trial)
    public void install() throws Exception {
      BytemanCompiled.target(0);
      System.out.print("\n[byteman compiled] " + Tools.bytemanInstallAndSubmit(rule("BytemanCompiled"), true));
      check("byteman compiled", () -> BytemanCompiled.target(1));
    }

    @TearDown(Level.Trial)
    public void report() {
      System.out.println("\n[byteman compiled] Counter.hits = " + Counter.hits);
    }
  }

  @State(Scope.Benchmark)
  public static class BytemanInterpretedRule {
    @Setup(Level.Trial)
    public void install() throws Exception {
      BytemanInterpreted.target(0);
      System.out.print("\n[byteman interpreted] " + Tools.bytemanInstallAndSubmit(rule("BytemanInterpreted"), false));
      check("byteman interpreted", () -> BytemanInterpreted.target(1));
    }

    @TearDown(Level.Trial)
    public void report() {
      System.out.println("\n[byteman interpreted] Counter.hits = " + Counter.hits);
    }
  }
}
