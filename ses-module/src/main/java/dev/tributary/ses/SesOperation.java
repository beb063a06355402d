package dev.tributary.ses;

/**
 * The operations {@link SesMailer} and {@link SesAsyncMailer} perform: one vocabulary for
 * {@link SesMailerListener} callbacks ({@link #id()} is the {@code operation} argument of both
 * {@code onSent} and {@code onFailed}), for {@link SesSendException#operation()} and for error messages
 * ({@code ses.<id>}).
 */
public enum SesOperation {
    /** SendEmail with Simple or Raw content. */
    SEND_EMAIL("SendEmail", true),
    /** SendEmail with Template content (a stored template). */
    SEND_TEMPLATE("SendTemplate", true),
    /** SendBulkEmail, one call per at most 50 destinations. */
    SEND_BULK_EMAIL("SendBulkEmail", true),
    /** A message sent over SES's SMTP interface. */
    SMTP("SMTP", true),
    /** CreateEmailTemplate. */
    CREATE_TEMPLATE("CreateEmailTemplate", false),
    /** UpdateEmailTemplate. */
    UPDATE_TEMPLATE("UpdateEmailTemplate", false),
    /** DeleteEmailTemplate. */
    DELETE_TEMPLATE("DeleteEmailTemplate", false),
    /** GetEmailTemplate. */
    GET_TEMPLATE("GetEmailTemplate", false),
    /** ListEmailTemplates. */
    LIST_TEMPLATES("ListEmailTemplates", false),
    /** TestRenderEmailTemplate. */
    RENDER_TEMPLATE("TestRenderEmailTemplate", false),
    /** GetAccount. */
    GET_ACCOUNT("GetAccount", false),
    /** Reading, creating or updating a configuration set and its event destination. */
    ENSURE_CONFIGURATION_SET("EnsureConfigurationSet", false);

    private final String id;
    private final boolean send;

    SesOperation(String id, boolean send) {
        this.id = id;
        this.send = send;
    }

    /** Returns the name passed to listeners, such as {@code SendEmail}. */
    public String id() {
        return id;
    }

    /** Returns the name used in error messages and resilience events, such as {@code ses.SendEmail}. */
    public String qualifiedName() {
        return "ses." + id;
    }

    /** Returns whether the operation delivers mail (a repeat may deliver it twice). */
    public boolean sendsMail() {
        return send;
    }
}
