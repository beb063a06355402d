package dev.tributary.examples.springboot;

/**
 * A user as indexed in OpenSearch: the address is left out, so search results never expose it.
 *
 * @param userId the user id
 * @param name the display name
 */
public record UserDocument(String userId, String name) {}
