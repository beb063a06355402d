/**
 * Spring Boot auto-configuration for Tributary: {@code tributary.aws.*} client settings, the SES mailers
 * ({@code tributary.ses.*}), OpenSearch ({@code tributary.opensearch.*}), a DynamoDB change capture run by a
 * {@link org.springframework.context.SmartLifecycle} ({@code tributary.dynamo.capture.*}), health indicators and
 * Micrometer meters. Every bean backs off when the application defines its own.
 */
package dev.tributary.spring;
