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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-call cost of a static counter increment at a line (DESIGN §6): a tiny static method, unpatched; with
 * {@code Counter.hits++;} written in the source; spliced by graft at line 8; and done by a Byteman
 * {@code AT LINE 8} rule, compiled to bytecode and interpreted. Every variant has a class of its own (same
 * source), and each benchmark runs in a fork of its own, so one tool's agent never touches another's target.
 * graft and Byteman are loaded the way an operator would: their CLIs, run as child processes, attach to the
 * fork in {@code @Setup(Level.Trial)}; the set-up checks that the counter then moves by one per call.
 *
 * <p>Each {@code target} is never inlined ({@code @CompilerControl(DONT_INLINE)}) and its result goes to a
 * {@link Blackhole}: every variant pays the same call, and the counter's load-add-store stays in the method,
 * where the JIT cannot fold or hoist it out of the benchmark loop. So {@code inSource - unpatched} is the
 * cost of the increment itself (the resolution the comparison needs), and {@code graftSpliced - inSource}
 * is what graft adds to it.
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
  public void unpatched(Blackhole sink) {
    sink.consume(Plain.target(x));
  }

  /**
   * The control: one more not-inlined call than {@link #unpatched} (about a nanosecond). The benchmark
   * resolves 1 ns where it sees this difference; then "graftSpliced within 1 ns of inSource" is a measurement.
   */
  @Benchmark
  public void oneMoreCall(Blackhole sink) {
    sink.consume(Plain.target(Plain.target(x)));
  }

  @Benchmark
  public void inSource(Blackhole sink) {
    sink.consume(InSource.target(x));
  }

  @Benchmark
  public void graftSpliced(GraftPatch patch, Blackhole sink) {
    sink.consume(Spliced.target(x));
  }

  @Benchmark
  public void bytemanCompiled(BytemanCompiledRule rule, Blackhole sink) {
    sink.consume(BytemanCompiled.target(x));
  }

  @Benchmark
  public void bytemanInterpreted(BytemanInterpretedRule rule, Blackhole sink) {
    sink.consume(BytemanInterpreted.target(x));
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
