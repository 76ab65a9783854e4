package dev.graft.samples.shop;

/** One product of the catalog. */
public record Product(String sku, String name, int price) {}
