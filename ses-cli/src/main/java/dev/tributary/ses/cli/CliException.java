package dev.tributary.ses.cli;

/**
 * A runtime failure the command reports as one line and exit code 2, such as SES being unreachable. Its
 * message says what to fix and holds no credentials.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
