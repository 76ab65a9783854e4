package dev.graft.weave;

/** A local variable or parameter in scope at a splice point: its name, types and slot. */
public record ScopedLocal(String name, String descriptor, String sourceType, int slot) {}
