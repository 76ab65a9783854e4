package dev.graft.samples.fidelity;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Answers stdin: {@code quote N} prices N teas; {@code fingerprint} prints the SHA-256 of everything reflection
 * sees of the sample's classes, and how often the JVM redefined them (read from {@code Class.classRedefinedCount},
 * so run with {@code --add-opens java.base/java.lang=ALL-UNNAMED}); {@code describe} prints what was hashed.
 */
public final class FidelityLoop {
  static final List<Class<?>> SUBJECTS = List.of(Catalog.class, Catalog.Shape.class, Catalog.Circle.class,
      Catalog.Square.class, Tag.class);

  /** {@link Greeter}, defined by a loader that serves no class files (as generated classes and some containers are). */
  static final Class<?> GREETER = NoFiles.define("dev.graft.samples.fidelity.Greeter"); // by name: the app loader must not load it

  private FidelityLoop() {}

  /** Defines classes from the application's class files but serves none itself: getResource finds nothing. */
  static final class NoFiles extends ClassLoader {
    NoFiles() {
      super("no-files", ClassLoader.getPlatformClassLoader());
    }

    static Class<?> define(String name) {
      try (java.io.InputStream in = FidelityLoop.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
        byte[] bytes = in.readAllBytes();
        NoFiles loader = new NoFiles();
        return loader.defineClass(name, bytes, 0, bytes.length);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public java.net.URL getResource(String name) {
      return null;
    }

    @Override
    public java.io.InputStream getResourceAsStream(String name) {
      return null;
    }
  }

  @SuppressWarnings("deprecation") // the sample calls its own @Deprecated method: reflection must still see the attribute
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Catalog<String> catalog = new Catalog<>();
    System.out.println("fidelity: ready");
    for (String line; (line = in.readLine()) != null; ) {
      line = line.trim();
      try {
        if (line.startsWith("quote ")) {
          System.out.println("quote " + catalog.quote(Integer.parseInt(line.substring(6)), "tea"));
        } else if (line.equals("fingerprint")) {
          List<String> seen = describe();
          byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", seen).getBytes(StandardCharsets.UTF_8));
          System.out.println("fingerprint " + HexFormat.of().formatHex(digest) + " redefinitions=" + redefinitions());
        } else if (line.startsWith("greet ")) {
          Object greeter = GREETER.getConstructor().newInstance();
          Method greet = GREETER.getMethod("greet", String.class, int.class);
          System.out.println("greet " + greet.invoke(greeter, line.substring(6), 1) + " " + greet.getParameters()[0].getName());
        } else if (line.equals("describe")) {
          describe().forEach(seen -> System.out.println("describe " + seen));
          System.out.println("describe end");
        }
      } catch (Exception e) {
        System.out.println("error " + e);
      }
    }
  }

  /** Fresh reflection objects every time: the JVM drops its reflection caches when it redefines a class. */
  static List<String> describe() {
    List<String> seen = new ArrayList<>();
    for (Class<?> type : SUBJECTS) {
      String name = type.getName();
      seen.add(name + " " + type.toGenericString() + " " + annotations(type));
      seen.add(name + " nest " + type.getNestHost().getName() + " " + names(type.getNestMembers()));
      seen.add(name + " permits " + (type.getPermittedSubclasses() == null ? "-" : names(type.getPermittedSubclasses())));
      seen.add(name + " declares " + names(type.getDeclaredClasses()) + " enclosed by " + type.getEnclosingClass());
      seen.add(name + " interfaces " + Arrays.toString(type.getGenericInterfaces()) + " " + Arrays.toString(type.getAnnotatedInterfaces()));
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          seen.add(name + " component " + component.getGenericSignature() + " " + component.getName() + " " + annotations(component));
        }
      }
      Field[] fields = type.getDeclaredFields();
      Arrays.sort(fields, Comparator.comparing(Field::toGenericString));
      for (Field field : fields) {
        seen.add(name + " field " + field.toGenericString() + " " + annotations(field) + " " + field.getAnnotatedType());
      }
      List<Executable> executables = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
      executables.addAll(Arrays.asList(type.getDeclaredConstructors()));
      executables.sort(Comparator.comparing(Executable::toGenericString));
      for (Executable executable : executables) {
        StringBuilder text = new StringBuilder(name + " member " + executable.toGenericString() + " " + annotations(executable)
            + " returns " + executable.getAnnotatedReturnType() + " throws " + Arrays.toString(executable.getGenericExceptionTypes()));
        for (Parameter parameter : executable.getParameters()) {
          text.append(" | ").append(parameter.getName()).append(parameter.isNamePresent() ? "" : "(no name)")
              .append(' ').append(parameter.getModifiers()).append(' ').append(annotations(parameter));
        }
        if (executable instanceof Method method && method.getDefaultValue() != null) {
          text.append(" default ").append(method.getDefaultValue());
        }
        seen.add(text.toString());
      }
    }
    Class<?> local = new Catalog<String>().scaler(2).getClass();
    seen.add("local " + local.getName() + " in " + local.getEnclosingMethod());
    return seen;
  }

  private static String annotations(AnnotatedElement element) {
    return Arrays.toString(element.getDeclaredAnnotations());
  }

  private static String names(Class<?>[] types) {
    return Arrays.stream(types).map(Class::getName).sorted().toList().toString();
  }

  private static long redefinitions() throws ReflectiveOperationException {
    Field count = Class.class.getDeclaredField("classRedefinedCount");
    count.setAccessible(true);
    long total = 0;
    for (Class<?> type : SUBJECTS) {
      total += count.getInt(type);
    }
    return total;
  }
}
