package dev.graft.patch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The active patches, in the order they were applied. Read by the transformer on every class load (so the
 * question "does this class have patches?" is one hash lookup), changed only on the channel thread.
 */
public final class PatchRegistry {
  private final Map<String, Patch> byId = new LinkedHashMap<>();
  private final Map<String, AtomicInteger> patchesPerClass = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> exceptions = new ConcurrentHashMap<>();
  private final AtomicInteger lastId = new AtomicInteger();
  private final Set<String> woven = ConcurrentHashMap.newKeySet();
  /** Patches the JVM runs without: the last retransformation of their class could not weave them (id to why). */
  private final Map<String, String> lost = new ConcurrentHashMap<>();
  /** The loader id of a patch that applies in whichever loader defines its class. */
  public static final String ANY_LOADER = "*";

  public String nextId() {
    return String.valueOf(lastId.incrementAndGet());
  }

  public synchronized void add(Patch patch) {
    byId.put(patch.id(), patch);
    exceptions.put(patch.id(), new LongAdder());
    patchesPerClass.computeIfAbsent(patch.internalName(), name -> new AtomicInteger()).incrementAndGet();
  }

  public synchronized Patch remove(String id) {
    Patch patch = byId.remove(id);
    if (patch != null) {
      exceptions.remove(id);
      woven.remove(id);
      lost.remove(id);
      patchesPerClass.computeIfPresent(patch.internalName(), (name, count) -> count.decrementAndGet() == 0 ? null : count);
    }
    return patch;
  }

  public synchronized Patch get(String id) {
    return byId.get(id);
  }

  public synchronized List<Patch> all() {
    return new ArrayList<>(byId.values());
  }

  /** Cheap enough for every class load: no lock, one lookup. */
  public boolean touches(String internalName) {
    return patchesPerClass.containsKey(internalName);
  }

  /** The patches of one class in one loader, in the order they were applied. */
  public synchronized List<Patch> forClass(String internalName, String loaderId) {
    List<Patch> result = new ArrayList<>();
    for (Patch patch : byId.values()) {
      if (patch.internalName().equals(internalName) && (patch.loaderId().equals(loaderId) || patch.loaderId().equals(ANY_LOADER))) {
        result.add(patch);
      }
    }
    return result;
  }

  /** The transformer wove these patches into a class: a waiting patch is now applied. */
  public void markWoven(Collection<Patch> patches) {
    patches.forEach(patch -> {
      woven.add(patch.id());
      lost.remove(patch.id());
    });
  }

  /**
   * A retransformation of their class could not weave these patches, so the JVM now runs the class without
   * them. graft's own retransformations roll back and say so; this records it when the retransformation
   * was someone else's (another agent's), which nobody would hear of otherwise.
   */
  public void markLost(Collection<Patch> patches, String why) {
    patches.forEach(patch -> lost.put(patch.id(), why));
  }

  /** {@code waiting} until the patch's class was loaded and woven, {@code active} after, {@code lost} when it no longer is. */
  public String state(String id) {
    return lost.containsKey(id) ? "lost" : woven.contains(id) ? "active" : "waiting";
  }

  /** Why a lost patch is not in effect, or null. */
  public String lostBecause(String id) {
    return lost.get(id);
  }

  public void countException(String id) {
    LongAdder counter = exceptions.get(id);
    if (counter != null) {
      counter.increment();
    }
  }

  public long exceptionCount(String id) {
    LongAdder counter = exceptions.get(id);
    return counter == null ? 0 : counter.sum();
  }

  public static List<String> ids(Collection<Patch> patches) {
    return patches.stream().map(Patch::id).toList();
  }
}
