package dev.tributary.examples.productsearch;

import java.util.List;
import java.util.Random;

/**
 * Makes up realistic products ("Wireless Mouse", "USB-C Cable", "Ergonomic Keyboard") from word lists.
 *
 * <p>Descriptions repeat the name and add words that start no product word, so a hit on a description word
 * is also a hit on the name: "wire mou" only ever finds products whose names say so. Ids are unique per
 * generator (a random run prefix plus a counter), so loading twice adds products instead of overwriting
 * them. Not thread-safe; use one generator per thread.
 */
final class Catalogue {
    private static final List<String> ADJECTIVES = List.of("Wireless", "Wired", "Ergonomic", "Compact", "Portable",
            "Mechanical", "Slim", "Gaming", "Silent", "Rechargeable", "Travel", "Premium", "Foldable", "Backlit");
    private static final List<String> CONNECTORS = List.of("", "", "", "USB-C ", "Bluetooth ", "HDMI ", "Lightning ",
            "2.4 GHz ");
    private static final List<String> NOUNS = List.of("Mouse", "Keyboard", "Headphones", "Earbuds", "Speaker",
            "Charger", "Webcam", "Microphone", "Monitor Stand", "Laptop Stand", "Docking Station", "Power Bank", "Hub",
            "Cable", "Adapter", "Mouse Pad", "Router", "Trackpad", "Desk Lamp", "Flash Drive", "Monitor Mount");
    private static final List<String> SUFFIXES = List.of("", "", "", " Pro", " Mini", " Max", " - Black", " - White",
            " - Graphite", " 2-Pack");
    private static final List<String> BRANDS = List.of("Contoso", "Fabrikam", "Northwind", "Tailspin", "Litware",
            "Proseware", "Adatum", "Woodgrove");
    private static final List<String> FEATURES = List.of("Plug and play, no drivers needed.",
            "Two-year warranty included.", "Ships in recycled packaging.", "Built for long days at the desk.",
            "Tested for 10,000 hours of use.", "Light enough to carry every day.", "Works with Windows, macOS and Linux.",
            "Soft-touch finish that resists fingerprints.");

    private final Random random;
    private final String runPrefix;
    private long next;

    private Catalogue(Random random, String runPrefix) {
        this.random = random;
        this.runPrefix = runPrefix;
    }

    /**
     * Returns a generator whose ids start with {@code runPrefix}.
     *
     * @param seed the random seed (the same seed makes the same products)
     * @param runPrefix a short prefix unique to this load, such as {@code k3x9a}
     * @return the generator
     */
    static Catalogue create(long seed, String runPrefix) {
        return new Catalogue(new Random(seed), runPrefix);
    }

    /** Returns a new, never-written product with id {@code p-<prefix>-<counter>}. */
    Product next() {
        String noun = pick(NOUNS);
        String adjective = pick(ADJECTIVES);
        String connector = noun.equals("Cable") || noun.equals("Adapter") || noun.equals("Hub") || random.nextInt(3) == 0
                ? pick(CONNECTORS) : "";
        String name = (adjective + " " + connector + noun + pick(SUFFIXES)).replace("  ", " ");
        String brand = pick(BRANDS);
        String description = "The " + brand + " " + name + ". " + pick(FEATURES) + " " + pick(FEATURES);
        double price = Math.round((4 + random.nextDouble() * random.nextDouble() * 296) * 100) / 100.0;
        String id = String.format("p-%s-%06d", runPrefix, ++next);
        return Product.of(id, name, description, brand, Math.floor(price) + 0.99);
    }

    private String pick(List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
