package dev.graft.agent.core;

import dev.graft.inspect.ClassInspector;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.ClassesArgs;
import dev.graft.protocol.Messages.ClassesResult;
import dev.graft.protocol.Messages.FoundClass;
import dev.graft.protocol.Messages.MethodInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code graft classes PID PATTERN} (Arthas's {@code sc}): the loaded classes whose name matches a glob.
 * {@code *} is any run of characters but a dot, {@code **} any run at all, {@code ?} one character; a
 * pattern without a dot matches the simple name ({@code *Shop*}), one with dots the full name
 * ({@code com.acme.**}). Hidden classes, graft's own and javac's are left out: none can be patched.
 * Methods come from the class files (read, never retransformed), so nothing is loaded or linked.
 */
final class ClassSearch {
  private static final int MOST = 200;
  private final AgentContext context;

  ClassSearch(AgentContext context) {
    this.context = context;
  }

  ClassesResult find(ClassesArgs args) {
    String glob = args.pattern() == null ? "" : args.pattern().strip();
    if (glob.isEmpty()) {
      throw new GraftException(ExitCodes.USAGE, "give a pattern, e.g. '*Shop*' or 'com.acme.**'");
    }
    Pattern pattern = Pattern.compile(regex(glob));
    boolean simple = !glob.contains(".");
    List<Class<?>> matched = new ArrayList<>();
    for (Class<?> type : context.classes().definedBy(null, true)) {
      String name = type.getName();
      String compared = simple ? name.substring(name.lastIndexOf('.') + 1) : name;
      if (pattern.matcher(compared).matches() && !LoadedClasses.isGraftsOrJavacs(type)) {
        matched.add(type);
      }
    }
    matched.sort(Comparator.comparing(Class<?>::getName).thenComparing(type -> context.loaderIds().idOf(type.getClassLoader())));
    List<FoundClass> found = new ArrayList<>();
    for (Class<?> type : matched.subList(0, Math.min(MOST, matched.size()))) {
      ClassLoader loader = type.getClassLoader();
      found.add(new FoundClass(type.getName(), context.loaderIds().idOf(loader), LoaderIds.describe(loader),
          args.methods() ? methods(type) : null));
    }
    return new ClassesResult(found, Math.max(0, matched.size() - MOST));
  }

  private List<String> methods(Class<?> type) {
    try {
      List<String> methods = new ArrayList<>();
      for (MethodInfo method : new ClassInspector(context.classFiles().original(type)).methods(null)) {
        methods.add(method.display() + (!method.hasCode() ? "  no code" : method.firstLine() == 0 ? "  no line numbers"
            : method.firstLine() == method.lastLine() ? "  line " + method.firstLine() : "  lines " + method.firstLine() + "-" + method.lastLine()));
      }
      return methods;
    } catch (GraftException noClassFile) {
      return List.of("(no class file: " + noClassFile.getMessage() + ")");
    }
  }

  /** The glob as a regular expression over the whole name. */
  static String regex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^.]*");
      } else if (c == '?') {
        regex.append("[^.]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
