/**
 * Micrometer meters for Tributary: listeners that count and time change capture ({@link
 * dev.tributary.micrometer.CaptureMeters}), bulk indexing ({@link dev.tributary.micrometer.BulkMeters}) and the
 * SES mailers ({@link dev.tributary.micrometer.SesMeters}), and Resilience4j registries bound to a
 * {@link io.micrometer.core.instrument.MeterRegistry} ({@link dev.tributary.micrometer.ResilienceMeters}).
 */
@NullMarked
package dev.tributary.micrometer;

import org.jspecify.annotations.NullMarked;
