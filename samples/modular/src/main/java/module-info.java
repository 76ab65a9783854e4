/** Reads java.base only (no java.logging). */
module dev.graft.samples.modular {
  exports dev.graft.samples.modular;
}
