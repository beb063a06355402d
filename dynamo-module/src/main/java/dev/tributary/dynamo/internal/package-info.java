/** Implementation of DynamoDB change capture; unsupported, may change in any release. */
@NullMarked
package dev.tributary.dynamo.internal;

import org.jspecify.annotations.NullMarked;
