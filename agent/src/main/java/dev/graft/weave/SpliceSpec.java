package dev.graft.weave;

import dev.graft.protocol.PatchTarget;
import java.util.List;

/**
 * What to splice where: a compiled snippet wrapper and the target it goes before.
 *
 * @param wrapperClass the class javac built around the snippet; its {@value SnippetWrapper#METHOD} holds the code
 * @param localNames the target's locals, in the order the wrapper method takes them (after {@code self})
 * @param propagate let exceptions of the spliced code through instead of catching and counting them
 */
public record SpliceSpec(String patchId, PatchTarget target, byte[] wrapperClass, List<String> localNames, boolean propagate)
    implements WeaveSpec {}
