package dev.tributary.ses.internal;

import dev.tributary.core.ErrorClassifier;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryExceptions;
import dev.tributary.core.TributaryServiceException;
import dev.tributary.core.support.Redaction;
import dev.tributary.ses.SesFailure;
import dev.tributary.ses.SesOperation;
import dev.tributary.ses.SesSendException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.Locale;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Maps SES API and SMTP failures to {@link SesSendException} with a reason and a fix in the message. A send
 * that failed after its request may have reached SES becomes {@link SesFailure#UNKNOWN_OUTCOME}, retryable
 * only when the caller opted in, so the mailer's retry never delivers a mail twice by default.
 */
public final class SesErrors {
    /**
     * Retries what core does, plus transient SMTP replies (4xx) and SMTP I/O failures. Sends are translated
     * before this classifier sees them, so their unknown outcomes are decided by {@link #translate}.
     */
    public static final ErrorClassifier CLASSIFIER = ErrorClassifier.defaults().or(SesErrors::smtpRetryable);

    private SesErrors() {}

    /**
     * Translates any failure of an SES operation; a send named as {@link SesOperation#qualifiedName()} whose
     * outcome is unknown becomes a non-retryable {@link SesFailure#UNKNOWN_OUTCOME}.
     *
     * @param error the failure
     * @param operation for example {@code ses.SendEmail}
     * @return a Tributary exception; SES refusals as {@link SesSendException}
     */
    public static TributaryException translate(Throwable error, String operation) {
        for (SesOperation op : SesOperation.values()) {
            if (op.qualifiedName().equals(operation)) {
                return translate(error, operation, op, false);
            }
        }
        return translate(error, operation, null, false);
    }

    /**
     * Translates any failure of an SES operation.
     *
     * @param error the failure
     * @param operation the operation
     * @param retryUnknownOutcome whether a send whose outcome is unknown may be retried
     * @return a Tributary exception; SES refusals and unknown send outcomes as {@link SesSendException}
     */
    public static TributaryException translate(Throwable error, SesOperation operation, boolean retryUnknownOutcome) {
        return translate(error, operation.qualifiedName(), operation, retryUnknownOutcome);
    }

    private static TributaryException translate(Throwable error, String name,
            @org.jspecify.annotations.Nullable SesOperation operation, boolean retryUnknownOutcome) {
        Throwable t = ErrorClassifier.unwrap(error);
        if (t instanceof TributaryException te) {
            return te;
        }
        // An operation the mailer does not name (another caller's) is not a send: its I/O failures stay retryable.
        boolean sends = operation != null && operation.sendsMail();
        if (t instanceof SmtpSender.OutcomeUnknownException
                || sends && !(t instanceof MessagingException) && Outcomes.unknownAfterApiCall(t)) {
            return unknownOutcome(t, name, operation, retryUnknownOutcome);
        }
        if (t instanceof MessagingException me) {
            return fromSmtp(me, name, operation);
        }
        TributaryException te = TributaryExceptions.translate(t, name, CLASSIFIER);
        if (!(te instanceof TributaryServiceException se)) {
            return te;
        }
        Throwable cause = se.getCause();
        SesFailure reason = reasonOf(cause, se.getMessage(), se.statusCode().orElse(-1));
        return of(copy(se).message(se.getMessage() + hint(reason)), reason, operation);
    }

    private static SesSendException unknownOutcome(Throwable t, String name,
            @org.jspecify.annotations.Nullable SesOperation operation, boolean retry) {
        Throwable shown = t instanceof SmtpSender.OutcomeUnknownException && t.getCause() != null ? t.getCause() : t;
        String msg = name + " outcome unknown: the request may have reached SES but no answer came back ("
                + shown.getClass().getSimpleName() + ": " + Redaction.redact(shown.getMessage())
                + "), so the mail may have been sent. "
                + (retry ? "Retrying, as retryUnknownOutcome is on"
                        : "It is not retried, to avoid a duplicate: check whether it arrived (SES send or delivery"
                                + " events) before sending again, or set SesOptions.retryUnknownOutcome(true)"
                                + " where a duplicate is harmless");
        return of(TributaryServiceException.builder().message(msg).cause(t).retryable(retry),
                SesFailure.UNKNOWN_OUTCOME, operation);
    }

    private static SesSendException of(TributaryServiceException.Builder b, SesFailure reason,
            @org.jspecify.annotations.Nullable SesOperation operation) {
        return operation == null ? SesSendException.of(b, reason) : SesSendException.of(b, reason, operation);
    }

    private static SesFailure reasonOf(Throwable cause, String message, int status) {
        String m = message.toLowerCase(Locale.ROOT);
        if (cause instanceof AccountSuspendedException || cause instanceof SendingPausedException) {
            return SesFailure.ACCOUNT_PAUSED;
        }
        if (cause instanceof MailFromDomainNotVerifiedException) {
            return SesFailure.MAIL_FROM_NOT_VERIFIED;
        }
        if (cause instanceof TooManyRequestsException || m.contains("maximum sending rate")) {
            return SesFailure.THROTTLED;
        }
        if (cause instanceof LimitExceededException || m.contains("quota exceeded")) {
            return SesFailure.LIMIT_EXCEEDED;
        }
        if (cause instanceof MessageRejectedException) {
            return m.contains("not verified") ? SesFailure.IDENTITY_NOT_VERIFIED : SesFailure.MESSAGE_REJECTED;
        }
        if (cause instanceof NotFoundException) {
            return SesFailure.NOT_FOUND;
        }
        if (cause instanceof BadRequestException) {
            return SesFailure.BAD_REQUEST;
        }
        // Modeled exceptions are matched above; a bare status is all some endpoints and proxies send.
        return switch (status) {
            case 404 -> SesFailure.NOT_FOUND;
            case 429 -> SesFailure.THROTTLED;
            case 400 -> SesFailure.BAD_REQUEST;
            default -> SesFailure.SERVICE_ERROR;
        };
    }

    private static String hint(SesFailure reason) {
        return switch (reason) {
            case IDENTITY_NOT_VERIFIED -> ". Verify the sender identity in SES; in the sandbox every recipient must"
                    + " be verified too, or request production access";
            case MAIL_FROM_NOT_VERIFIED -> ". Publish the custom MAIL FROM domain's MX and SPF records";
            case ACCOUNT_PAUSED -> ". Sending is paused or the account is suspended: check the SES console";
            case LIMIT_EXCEEDED -> ". An account limit such as the 24-hour quota is used up: wait or request more";
            case NOT_FOUND -> ". Create the template or configuration set first, or fix its name";
            default -> "";
        };
    }

    private static TributaryException fromSmtp(MessagingException e, String operation,
            @org.jspecify.annotations.Nullable SesOperation op) {
        int code = -1;
        if (e instanceof SMTPSendFailedException sf) {
            code = sf.getReturnCode();
        } else if (e instanceof SMTPAddressFailedException af) {
            code = af.getReturnCode();
        } else if (e.getNextException() instanceof SMTPAddressFailedException af) {
            code = af.getReturnCode();
        }
        SesFailure reason;
        String text = Redaction.redact(e.getMessage());
        String lower = text.toLowerCase(Locale.ROOT);
        if (e instanceof AuthenticationFailedException || code == 535) {
            reason = SesFailure.SMTP_AUTHENTICATION;
        } else if (lower.contains("maximum sending rate") || lower.contains("throttl") || code == 454) {
            reason = SesFailure.THROTTLED;
        } else if (lower.contains("not verified")) {
            reason = SesFailure.IDENTITY_NOT_VERIFIED;
        } else if (lower.contains("quota")) {
            reason = SesFailure.LIMIT_EXCEEDED;
        } else if (code >= 500) {
            reason = SesFailure.MESSAGE_REJECTED;
        } else {
            reason = SesFailure.SERVICE_ERROR;
        }
        boolean retryable = smtpRetryable(e);
        String msg = operation + " failed over SMTP" + (code > 0 ? " (reply " + code + ")" : "") + ": " + text
                + (reason == SesFailure.SMTP_AUTHENTICATION
                        ? ". Use SES SMTP credentials (derived from an IAM user), not the IAM secret key"
                        : hint(reason));
        return of(TributaryServiceException.builder()
                .message(msg)
                .cause(e)
                .statusCode(code)
                .throttled(reason == SesFailure.THROTTLED)
                .retryable(retryable), reason, op);
    }

    private static boolean smtpRetryable(Throwable error) {
        Throwable t = ErrorClassifier.unwrap(error);
        if (t instanceof AuthenticationFailedException) {
            return false;
        }
        if (t instanceof SMTPSendFailedException sf) {
            return sf.getReturnCode() >= 400 && sf.getReturnCode() < 500;
        }
        if (t instanceof MessagingException me) {
            for (Throwable c = me; c != null; c = c instanceof MessagingException m ? m.getNextException() : c.getCause()) {
                if (c instanceof IOException) {
                    return true;
                }
                if (c == c.getCause()) {
                    break;
                }
            }
        }
        return false;
    }

    private static TributaryServiceException.Builder copy(TributaryServiceException se) {
        return TributaryServiceException.builder()
                .cause(se.getCause())
                .statusCode(se.statusCode().orElse(-1))
                .requestId(se.requestId().orElse(null))
                .errorCode(se.errorCode().orElse(null))
                .throttled(se.throttled())
                .retryable(se.retryable());
    }
}
