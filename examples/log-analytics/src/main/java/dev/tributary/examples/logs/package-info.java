/** The runnable log-analytics example; see the main class's javadoc for commands and flags. */
@NullMarked
package dev.tributary.examples.logs;

import org.jspecify.annotations.NullMarked;
