package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClient;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.Messages.WatchClose;
import dev.graft.protocol.Messages.WatchHit;
import dev.graft.protocol.Messages.WatchHits;
import dev.graft.protocol.Messages.WatchOpened;
import dev.graft.protocol.Messages.WatchPoll;
import dev.graft.protocol.PatchTarget;
import dev.graft.protocol.Protocol;
import dev.graft.protocol.Wire;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code graft watch PID TARGET EXPR...}: the values of Java expressions each time TARGET runs, streamed
 * here; then the watch removes itself (count, time, Ctrl-C), or the agent removes it when this process is
 * gone (its lease runs out). With {@code --json}, one JSON object per hit (JSON Lines) and a last one with
 * the summary: the one command whose output is a stream.
 */
@Command(name = "watch", description = "Stream the values of Java expressions each time TARGET runs, then remove the watch.")
public final class WatchCommand extends GraftCommand {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final long POLL_MILLIS = 200;
  /** The stop flags of the watches streaming in this process: a console's Ctrl-C ends them ({@link #stopAll}). */
  private static final java.util.Set<AtomicBoolean> STREAMING = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Mixin
  LoaderOptions loaders;

  @Mixin
  CompileOptions compiling;

  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Parameters(index = "1", paramLabel = "TARGET", description = "CLASS:LINE, CLASS#METHOD:LINE, CLASS#METHOD:entry or CLASS#METHOD:exit, as for inject.")
  String target;

  @Parameters(index = "2..*", arity = "1..*", paramLabel = "EXPR", description = "Java expressions in the scope of TARGET, e.g. rate 'order.total()'.")
  List<String> expressions;

  @Option(names = "--if", paramLabel = "COND", description = "Only hits where this Java condition holds.")
  String condition;

  @Option(names = "--count", paramLabel = "N", description = "End after N hits.")
  Long count;

  @Option(names = "--for", paramLabel = "DURATION", converter = CommonOptions.DurationConverter.class,
      description = "End after this long (10s, 500ms, 2m). Default: until Ctrl-C.")
  Duration duration;

  @Option(names = "--on-throw", description = "With CLASS#METHOD:exit: a hit also when an exception leaves the method, as thrown.")
  boolean onThrow;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "50", description = "At most N lines a second are shown (every hit is counted).")
  int rate;

  @Override
  Object execute() {
    PatchTarget parsed = InjectCommand.parseTarget(target);
    InjectCommand.requireExitForOnThrow(parsed, onThrow);
    if (rate < 1 || (count != null && count < 1)) {
      throw new GraftException(ExitCodes.USAGE, "--rate and --count take a positive number");
    }
    try (AgentClient agent = connect(pid)) {
      WatchOpened watch = agent.call(Protocol.OP_WATCH_OPEN, Map.of(), WatchOpened.class);
      // Ctrl-C runs shutdown hooks while this thread goes on: the hook asks the loop to end the watch (over
      // this connection: the agent serves one connection at a time) and waits for it
      AtomicBoolean stop = new AtomicBoolean();
      java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
      Thread onInterrupt = new Thread(() -> {
        stop.set(true);
        awaitQuietly(closed);
      }, "graft-watch-end");
      Runtime.getRuntime().addShutdownHook(onInterrupt);
      PatchResult patch;
      try {
        patch = new SnippetInjection(this, loaders, compiling, false, false, onThrow).apply(agent, parsed, WatchSnippet.of(watch, expressions, condition), false);
      } catch (GraftException failed) {
        close(agent, watch);
        closed.countDown();
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
        throw failed;
      }
      say("watching " + patch.target() + " in " + patch.className() + "#" + patch.method() + " (patch " + patch.id() + "): "
          + String.join(", ", expressions) + (condition == null ? "" : " if " + condition) + "; Ctrl-C ends it");
      STREAMING.add(stop);
      try {
        long[] totals = stream(agent, watch, stop);
        close(agent, watch);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("hits", totals[0]);
        summary.put("shown", totals[1]);
        summary.put("dropped", totals[2]);
        summary.put("patch", patch.id());
        say("watch ended: " + totals[0] + " hits, " + totals[1] + " shown" + (totals[2] > 0 ? ", " + totals[2] + " dropped (the buffer was full)" : "")
            + "; patch " + patch.id() + " reverted");
        out().flush();
        try {
          Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C in a one-shot watch: the hook waits for this summary, then the JVM goes
        }
        return Map.of("summary", summary);
      } finally {
        STREAMING.remove(stop);
        closed.countDown(); // a Ctrl-C's hook lets the JVM go once the watch is ended and its summary said
      }
    }
  }

  /** Ends every watch streaming in this process, as Ctrl-C ends a one-shot one: the console's Ctrl-C. */
  public static void stopAll() {
    STREAMING.forEach(stop -> stop.set(true));
  }

  /** Whether a watch is streaming in this process. */
  public static boolean anyStreaming() {
    return !STREAMING.isEmpty();
  }

  /** Polls until the count or the time is reached; returns hits, shown, dropped. */
  private long[] stream(AgentClient agent, WatchOpened watch, AtomicBoolean stop) {
    long deadline = duration == null ? Long.MAX_VALUE : System.currentTimeMillis() + duration.toMillis();
    long shown = 0;
    long total = 0;
    long dropped = 0;
    while (!stop.get() && System.currentTimeMillis() < deadline && (count == null || total < count)) {
      sleep(Math.min(POLL_MILLIS, Math.max(1, deadline - System.currentTimeMillis())));
      int most = (int) Math.max(1, rate * POLL_MILLIS / 1000);
      if (count != null) {
        most = (int) Math.min(most, count - shown);
      }
      WatchHits hits = agent.call(Protocol.OP_WATCH_POLL, new WatchPoll(watch.token(), most), WatchHits.class);
      for (WatchHit hit : hits.hits()) {
        print(hit);
        shown++;
      }
      total = hits.total();
      dropped = hits.dropped();
    }
    return new long[] {count == null ? total : Math.min(total, Math.max(count, shown)), shown, dropped};
  }

  private void print(WatchHit hit) {
    if (common.json) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < expressions.size(); i++) {
        values.put(expressions.get(i), hit.values().get(i));
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("time", Instant.ofEpochMilli(hit.time()).toString());
      line.put("thread", hit.thread());
      line.put("values", values);
      out().println(Wire.GSON.toJson(line));
      return;
    }
    StringBuilder text = new StringBuilder(TIME.format(Instant.ofEpochMilli(hit.time()))).append(" [").append(hit.thread()).append("]");
    for (int i = 0; i < expressions.size(); i++) {
      text.append(' ').append(expressions.get(i)).append('=').append(hit.values().get(i));
    }
    out().println(text);
  }

  /** Ends the watch: the agent reverts its patch. If this fails, the agent ends it when its lease runs out. */
  private static void close(AgentClient agent, WatchOpened watch) {
    try {
      agent.call(Protocol.OP_WATCH_CLOSE, new WatchClose(watch.token()), Object.class);
    } catch (GraftException e) {
      // the lease ends it
    }
  }

  private static void awaitQuietly(java.util.concurrent.CountDownLatch closed) {
    try {
      closed.await(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
