package dev.tributary.opensearch;

/** Test document. */
public record Product(String id, String name, String description, String brand, double price) {}
