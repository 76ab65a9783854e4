package dev.graft.weave;

import java.util.List;
import java.util.Map;

/**
 * A class with its patches spliced in.
 *
 * @param changedMethods per patch id, the methods (name + descriptor) it changed
 * @param splicePoints per patch id, how many copies of its code were spliced in
 */
public record WovenClass(byte[] bytes, Map<String, List<String>> changedMethods, Map<String, Integer> splicePoints) {}
