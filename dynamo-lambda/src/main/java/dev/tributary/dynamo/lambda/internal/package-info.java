/** Implementation of the Lambda adapter; unsupported, may change in any release. */
@NullMarked
package dev.tributary.dynamo.lambda.internal;

import org.jspecify.annotations.NullMarked;
