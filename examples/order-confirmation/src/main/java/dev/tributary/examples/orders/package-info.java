/** The runnable order-confirmation example; see the main class's javadoc for commands and flags. */
@NullMarked
package dev.tributary.examples.orders;

import org.jspecify.annotations.NullMarked;
