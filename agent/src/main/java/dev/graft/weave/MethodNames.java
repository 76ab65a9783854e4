package dev.graft.weave;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/** How methods are written for users ({@code discount(int,double)}) and matched against what they write. */
public final class MethodNames {
  private MethodNames() {}

  public static String display(MethodNode method) {
    return display(method.name, method.desc);
  }

  /** {@code name + descriptor} as one string, {@code price(ID)D}, written for users. */
  public static String display(String nameAndDescriptor) {
    int paren = nameAndDescriptor.indexOf('(');
    return display(nameAndDescriptor.substring(0, paren), nameAndDescriptor.substring(paren));
  }

  public static String display(String name, String descriptor) {
    return name + "(" + Arrays.stream(Type.getArgumentTypes(descriptor))
        .map(MethodNames::simpleName)
        .collect(Collectors.joining(",")) + ")";
  }

  /** Parameter types match by simple or full name: {@code Order}, {@code com.acme.Order}, {@code String[]}. */
  public static boolean parametersMatch(MethodNode method, List<String> wanted) {
    if (wanted == null) {
      return true;
    }
    Type[] actual = Type.getArgumentTypes(method.desc);
    if (actual.length != wanted.size()) {
      return false;
    }
    for (int i = 0; i < actual.length; i++) {
      String want = wanted.get(i).replace(" ", "");
      String full = actual[i].getClassName();
      if (!want.equals(full) && !want.equals(simpleName(actual[i])) && !want.equals(full.replace('$', '.'))) {
        return false;
      }
    }
    return true;
  }

  private static String simpleName(Type type) {
    String name = type.getClassName();
    int cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
    return name.substring(cut + 1);
  }
}
