package dev.graft.bench;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The target of bench-scale.sh. {@code ScaleTarget FILLERS CLASS...}: defines FILLERS extra classes (copies
 * of {@link Filler00000} under new names, in a class loader of their own, initialised), loads the named
 * classes (the ones the benchmark patches, compiled by the script), then calls their static {@code m(int)}
 * every 10 ms. Prints "scale: ready N classes loaded" once everything is loaded.
 */
public final class ScaleTarget {
  private ScaleTarget() {}

  static final class FillerLoader extends ClassLoader {
    FillerLoader() {
      super(ScaleTarget.class.getClassLoader());
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  public static void main(String[] args) throws Exception {
    int fillers = Integer.parseInt(args[0]);
    byte[] template;
    try (InputStream in = ScaleTarget.class.getResourceAsStream("Filler00000.class")) {
      template = in.readAllBytes();
    }
    byte[] from = "dev/graft/bench/Filler00000".getBytes(StandardCharsets.UTF_8);
    FillerLoader loader = new FillerLoader();
    List<Class<?>> keep = new ArrayList<>();
    for (int i = 1; i <= fillers; i++) {
      String name = String.format("dev.graft.bench.Filler%05d", i);
      byte[] to = name.replace('.', '/').getBytes(StandardCharsets.UTF_8);
      byte[] bytes = template.clone();
      for (int k = 0; k + from.length <= bytes.length; k++) {
        boolean match = true;
        for (int j = 0; j < from.length && match; j++) {
          match = bytes[k + j] == from[j];
        }
        if (match) {
          System.arraycopy(to, 0, bytes, k, to.length);
        }
      }
      Class<?> c = loader.define(name, bytes);
      Class.forName(name, true, loader);
      keep.add(c);
    }
    List<Method> targets = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      targets.add(Class.forName(args[i]).getMethod("m", int.class));
    }
    System.out.println("scale: ready " + fillers + " fillers, " + targets.size() + " targets");
    long sink = 0;
    for (int round = 0; ; round++) {
      for (Method m : targets) {
        sink += (Integer) m.invoke(null, round);
      }
      if (sink == 42) {
        System.out.println(keep.size());
      }
      Thread.sleep(10);
    }
  }
}
