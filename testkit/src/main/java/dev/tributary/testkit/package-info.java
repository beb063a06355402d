/**
 * Real local peers for integration tests, each a JUnit 5 extension: DynamoDB Local, an OpenSearch node, the
 * SES v2 API emulator, dnsmasq and SMTP servers. Servers shared per JVM are started once on free loopback
 * ports and stopped when the JVM exits. {@link dev.tributary.testkit.AwsShapedStreams} shows DynamoDB Local's
 * stream in AWS's shape (shard rollover and splits, AWS-like sequence numbers, throttling, expiry, trimming).
 */
@NullMarked
package dev.tributary.testkit;

import org.jspecify.annotations.NullMarked;
