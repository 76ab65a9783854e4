package dev.graft.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The Spring Boot sample, started with {@code java -jar shop.jar} on a free port, and an HTTP client for it. */
public final class SpringShop implements AutoCloseable {
  public static final String CONTROLLER = "dev.graft.samples.shop.ShopController";
  private static final String STARTED = "Tomcat started on port ";
  private final TargetJvm jvm;
  private final int port;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SpringShop(TargetJvm jvm, int port) {
    this.jvm = jvm;
    this.port = port;
  }

  public static SpringShop start(int jdk, String... jvmOptions) {
    TargetJvm jvm = TargetJvm.startJar(jdk, List.of(jvmOptions), jar(), "--server.port=0");
    // a start-up script compiles with javac before Tomcat starts: on a loaded 2-core machine that took 20 s once
    String line = jvm.await(text -> text.contains(STARTED), Duration.ofSeconds(90));
    String digits = line.substring(line.indexOf(STARTED) + STARTED.length()).replaceAll("\\D.*", "");
    return new SpringShop(jvm, Integer.parseInt(digits));
  }

  /** The line of the controller's source whose comment shows the graft command that uses it (they must agree). */
  public static int lineOf(String commandFragment) {
    return lineOf("ShopController", commandFragment);
  }

  /** The same, in the sample's class {@code simpleName}. */
  public static int lineOf(String simpleName, String commandFragment) {
    java.nio.file.Path source = TargetJvm.samplesDir().resolve("spring-shop/src/main/java/dev/graft/samples/shop/" + simpleName + ".java");
    try {
      List<String> lines = java.nio.file.Files.readAllLines(source);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        int at = line.indexOf("// graft " + commandFragment);
        if (at >= 0) {
          String said = line.substring(at + ("// graft " + commandFragment).length()).replaceAll("\\D.*", "");
          if (Integer.parseInt(said) != i + 1) {
            throw new IllegalStateException(source + ":" + (i + 1) + " says its line is " + said);
          }
          return i + 1;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new IllegalStateException("no line of " + source + " says // graft " + commandFragment);
  }

  public static String jar() {
    return TargetJvm.samplesDir().resolve("spring-shop/target/shop.jar").toAbsolutePath().normalize().toString();
  }

  public long pid() {
    return jvm.pid();
  }

  public TargetJvm jvm() {
    return jvm;
  }

  /** A GET of {@code pathAndQuery}; the body, prefixed with the status when it is not 200. */
  public String get(String pathAndQuery) {
    HttpResponse<String> response = request(pathAndQuery);
    return response.statusCode() == 200 ? response.body() : response.statusCode() + " " + response.body();
  }

  public HttpResponse<String> request(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(10)).build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + pathAndQuery + " failed: " + e + "; shop stderr: " + jvm.stderr(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    jvm.close();
  }
}
