package dev.tributary.testkit.internal.streams;

/**
 * What shapes a virtual stream: the seed of its random source, the sequence number lengths and the automatic
 * topology changes.
 *
 * @param seed seeds each stream's random source
 * @param minDigits the fewest digits of a sequence number
 * @param maxDigits the most digits of a sequence number
 * @param rolloverEvery roll every open shard over after this many records pulled; 0 never
 * @param splitEvery split every open shard after this many records pulled; 0 never; wins over a rollover due at
 *     the same record
 */
public record RigSettings(long seed, int minDigits, int maxDigits, int rolloverEvery, int splitEvery) {}
