/** The runnable welcome-email example; see the main class's javadoc for commands and flags. */
@NullMarked
package dev.tributary.examples.welcome;

import org.jspecify.annotations.NullMarked;
