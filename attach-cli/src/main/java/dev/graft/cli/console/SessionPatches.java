package dev.graft.cli.console;

import dev.graft.protocol.Messages.ApplyResult;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.Messages.RevertResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The patches a console session applied and has not reverted, from its commands' own results: what
 * {@code exit} offers to revert. A watch is not one of them: it removes itself.
 */
final class SessionPatches {
  private final Set<String> ids = new LinkedHashSet<>();

  void record(Object result) {
    if (result instanceof PatchResult patch) {
      added(patch);
    } else if (result instanceof ApplyResult applied) {
      applied.patches().forEach(this::added);
    } else if (result instanceof RevertResult reverted) {
      reverted.reverted().forEach(ids::remove);
    }
  }

  private void added(PatchResult patch) {
    if (!patch.dryRun() && !patch.kind().equals("watch")) {
      ids.add(patch.id());
    }
  }

  List<String> ids() {
    return new ArrayList<>(ids);
  }

  void clear() {
    ids.clear();
  }
}
