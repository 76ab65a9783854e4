package dev.graft.samples.canary;

import ch.qos.logback.classic.LoggerContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The isolation canary: it uses its own logback (configured by its own logback.xml) and its own Byte
 * Buddy, and prints what it sees of both, once at start and again for every line on stdin. A graft
 * agent loaded in between must not change a character of it.
 */
public final class Canary {
  private static final Logger LOG = LoggerFactory.getLogger(Canary.class);
  private static final List<String> AGENT_CLASSES = List.of(
      "dev.graft.agent.core.AgentCore", "dev.graft.shaded.bytebuddy.ByteBuddy", "dev.graft.shaded.logback.classic.LoggerContext");

  private Canary() {}

  public static void main(String[] args) throws Exception {
    report();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (in.readLine() != null) {
      report();
    }
  }

  private static void report() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    System.out.println("canary slf4j-factory=" + LoggerFactory.getILoggerFactory().getClass().getName()
        + " logback=" + LoggerContext.class.getPackage().getImplementationVersion()
        + " bytebuddy=" + ByteBuddy.class.getPackage().getImplementationVersion());
    System.out.println("canary loggers=" + context.getLoggerList().stream().map(ch.qos.logback.classic.Logger::getName)
        .collect(Collectors.joining(",")));
    LOG.info("hello from the canary's own logback");
    Object made = new ByteBuddy().subclass(Object.class)
        .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made by the canary's Byte Buddy"))
        .make().load(Canary.class.getClassLoader()).getLoaded().getDeclaredConstructor().newInstance();
    System.out.println("canary dynamic=" + made);
    System.out.println("canary sees-agent-classes=" + AGENT_CLASSES.stream().map(Canary::visible).collect(Collectors.joining(",")));
    System.out.println("canary logback-resources=" + Canary.class.getClassLoader().getResources("logback.xml").hasMoreElements()
        + " sees-graft-logback-xml=" + Collections.list(Canary.class.getClassLoader().getResources("logback.xml")).size());
    System.out.println("canary done");
    System.out.flush();
  }

  private static String visible(String className) {
    try {
      Class.forName(className, false, Canary.class.getClassLoader());
      return "yes";
    } catch (ClassNotFoundException e) {
      return "no";
    }
  }
}
