/**
 * The product-search example: a DynamoDB product catalogue kept in sync into OpenSearch by Tributary's
 * pipeline (change capture, versioned indexing, reconciliation) and searched with partial matches.
 */
@NullMarked
package dev.tributary.examples.productsearch;

import org.jspecify.annotations.NullMarked;
