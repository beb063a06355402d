package dev.tributary.ses;

/** How {@link SesMailer#send(dev.tributary.ses.model.Email)} delivers messages to SES. */
public enum SesTransport {
    /** The SES v2 API (SendEmail): Simple content, or Raw MIME when there are attachments. */
    API,
    /** SES's SMTP interface with SMTP credentials; templates and bulk still use the API. */
    SMTP
}
