package dev.tributary.examples.productsearch;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;

/**
 * A catalogue item, mapped by the DynamoDB Enhanced Client and indexed into OpenSearch as is (Jackson maps
 * the same getters).
 *
 * <p>{@link #getVersion()} grows on every write: new items start at 1 and every Enhanced Client put or update
 * raises it by one ({@code @DynamoDbVersionAttribute}, with a condition that refuses lost updates). The sync
 * uses it as the OpenSearch external version, so an older change can never overwrite a newer one. A mutable
 * bean because the Enhanced Client's bean schema needs one; not thread-safe.
 */
@DynamoDbBean
public class Product {
    private @Nullable String id;
    private @Nullable String name;
    private @Nullable String description;
    private @Nullable String brand;
    private @Nullable Double price;
    private @Nullable Long version;

    /** Creates an empty product, for the mappers. */
    public Product() {}

    /**
     * Creates a product that was never written (its version is set on the first write).
     *
     * @param id the product id
     * @param name the display name, such as "Wireless Mouse"
     * @param description a sentence or two
     * @param brand the brand
     * @param price the price in the shop's currency
     * @return the product
     */
    public static Product of(String id, String name, String description, String brand, double price) {
        Product p = new Product();
        p.id = id;
        p.name = name;
        p.description = description;
        p.brand = brand;
        p.price = price;
        return p;
    }

    /** Returns the id, the table's partition key. */
    @DynamoDbPartitionKey
    public @Nullable String getId() {
        return id;
    }

    /** Sets the id. */
    public void setId(@Nullable String id) {
        this.id = id;
    }

    /** Returns the display name. */
    public @Nullable String getName() {
        return name;
    }

    /** Sets the display name. */
    public void setName(@Nullable String name) {
        this.name = name;
    }

    /** Returns the description. */
    public @Nullable String getDescription() {
        return description;
    }

    /** Sets the description. */
    public void setDescription(@Nullable String description) {
        this.description = description;
    }

    /** Returns the brand. */
    public @Nullable String getBrand() {
        return brand;
    }

    /** Sets the brand. */
    public void setBrand(@Nullable String brand) {
        this.brand = brand;
    }

    /** Returns the price. */
    public @Nullable Double getPrice() {
        return price;
    }

    /** Sets the price. */
    public void setPrice(@Nullable Double price) {
        this.price = price;
    }

    /** Returns the version: 1 after the first write, one more after each later write. */
    @DynamoDbVersionAttribute
    public @Nullable Long getVersion() {
        return version;
    }

    /** Sets the version (the Enhanced Client does this on every write). */
    public void setVersion(@Nullable Long version) {
        this.version = version;
    }
}
