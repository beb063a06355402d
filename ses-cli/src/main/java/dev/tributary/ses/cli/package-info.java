/**
 * The {@code tributary-ses-cli.jar} command line: {@code java -jar tributary-ses-cli.jar check example.com ...}
 * runs the SES sender-domain checks ({@link dev.tributary.ses.auth.DomainAuthChecker}) from a shell or CI job.
 */
@NullMarked
package dev.tributary.ses.cli;

import org.jspecify.annotations.NullMarked;
