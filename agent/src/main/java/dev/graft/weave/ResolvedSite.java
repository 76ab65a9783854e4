package dev.graft.weave;

import java.util.List;
import org.objectweb.asm.tree.MethodNode;

/** A patch target found in a class: the method and the points where the snippet will run. */
public record ResolvedSite(MethodNode method, LineMap lines, List<SplicePoint> points) {}
