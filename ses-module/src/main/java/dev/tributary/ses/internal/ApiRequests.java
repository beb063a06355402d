package dev.tributary.ses.internal;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.SesFailure;
import dev.tributary.ses.SesSendException;
import dev.tributary.ses.model.AccountStatus;
import dev.tributary.ses.model.BulkDestination;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.BulkEntryResult;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailAddress;
import dev.tributary.ses.model.EmailTemplate;
import dev.tributary.ses.model.ListManagement;
import dev.tributary.ses.model.MessageTag;
import dev.tributary.ses.model.TemplatedEmail;
import dev.tributary.core.support.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.model.BulkEmailContent;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntry;
import software.amazon.awssdk.services.sesv2.model.BulkEmailEntryResult;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.CreateEmailTemplateRequest;
import software.amazon.awssdk.services.sesv2.model.GetEmailTemplateResponse;
import software.amazon.awssdk.services.sesv2.model.ListManagementOptions;
import software.amazon.awssdk.services.sesv2.model.TestRenderEmailTemplateRequest;
import software.amazon.awssdk.services.sesv2.model.UpdateEmailTemplateRequest;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.EmailTemplateContent;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.RawMessage;
import software.amazon.awssdk.services.sesv2.model.ReplacementEmailContent;
import software.amazon.awssdk.services.sesv2.model.ReplacementTemplate;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.Template;

/** Maps the facade's model to SES v2 requests and SES responses back; no I/O. */
public final class ApiRequests {
    /** SES's limit of destinations per SendBulkEmail call. */
    public static final int BULK_CHUNK = 50;

    private ApiRequests() {}

    /**
     * Builds SendEmail: Simple content without attachments, Raw MIME with them.
     *
     * @param email the e-mail
     * @param defaultConfigurationSet the mailer's default, or null
     * @return the request
     * @throws TributaryValidationException if the message is over 40 MB
     */
    public static SendEmailRequest sendEmail(Email email, @Nullable String defaultConfigurationSet) {
        String configurationSet = email.configurationSet().orElse(defaultConfigurationSet);
        SendEmailRequest.Builder b = SendEmailRequest.builder()
                .fromEmailAddress(email.from().toHeaderValue())
                .destination(destination(email.to(), email.cc(), email.bcc()))
                .replyToAddresses(headerValues(email.replyTo()))
                .emailTags(tags(email.tags()))
                .configurationSetName(configurationSet)
                .listManagementOptions(listManagement(email.listManagement().orElse(null)));
        email.feedbackForwardingAddress().ifPresent(a -> b.feedbackForwardingEmailAddress(a.address()));
        if (email.needsRawMime()) {
            byte[] raw = MimeBuilder.toBytes(MimeBuilder.build(email, null, configurationSet, false));
            b.content(EmailContent.builder().raw(RawMessage.builder().data(SdkBytes.fromByteArray(raw)).build()).build());
        } else {
            long size = utf8(email.subject()) + utf8(email.text().orElse("")) + utf8(email.html().orElse(""));
            if (size > Email.MAX_MESSAGE_BYTES) {
                throw TributaryValidationException.of("email", "is larger than SES's 40 MB message limit");
            }
            Body.Builder body = Body.builder();
            email.text().ifPresent(t -> body.text(content(t)));
            email.html().ifPresent(h -> body.html(content(h)));
            List<MessageHeader> headers = new ArrayList<>();
            email.headers().forEach((k, v) -> headers.add(MessageHeader.builder().name(k).value(v).build()));
            b.content(EmailContent.builder()
                    .simple(Message.builder()
                            .subject(content(email.subject()))
                            .body(body.build())
                            .headers(headers.isEmpty() ? null : headers)
                            .build())
                    .build());
        }
        return b.build();
    }

    /**
     * Builds SendEmail with template content.
     *
     * @param email the templated e-mail
     * @param defaultConfigurationSet the mailer's default, or null
     * @return the request
     */
    public static SendEmailRequest sendTemplate(TemplatedEmail email, @Nullable String defaultConfigurationSet) {
        return SendEmailRequest.builder()
                .fromEmailAddress(email.from().toHeaderValue())
                .destination(destination(email.to(), email.cc(), email.bcc()))
                .replyToAddresses(headerValues(email.replyTo()))
                .emailTags(tags(email.tags()))
                .configurationSetName(email.configurationSet().orElse(defaultConfigurationSet))
                .listManagementOptions(listManagement(email.listManagement().orElse(null)))
                .content(EmailContent.builder()
                        .template(Template.builder()
                                .templateName(email.template())
                                .templateData(TemplateData.toJson("data", email.data().orElse(null)))
                                .build())
                        .build())
                .build();
    }

    /**
     * Builds the SendBulkEmail calls, {@value #BULK_CHUNK} destinations each, data serialised up front so a
     * bad destination fails the whole bulk before anything is sent.
     *
     * @param bulk the bulk e-mail
     * @param defaultConfigurationSet the mailer's default, or null
     * @return the requests, in destination order
     */
    public static List<SendBulkEmailRequest> sendBulk(BulkEmail bulk, @Nullable String defaultConfigurationSet) {
        String defaultData = TemplateData.toJson("defaultData", bulk.defaultData().orElse(null));
        List<BulkEmailEntry> entries = new ArrayList<>();
        List<BulkDestination> destinations = bulk.destinations();
        for (int i = 0; i < destinations.size(); i++) {
            BulkDestination d = destinations.get(i);
            BulkEmailEntry.Builder e = BulkEmailEntry.builder().destination(destination(d.to(), d.cc(), d.bcc()));
            if (d.replacementData().isPresent()) {
                String json = TemplateData.toJson("destinations[" + i + "].data", d.replacementData().get());
                e.replacementEmailContent(ReplacementEmailContent.builder()
                        .replacementTemplate(ReplacementTemplate.builder().replacementTemplateData(json).build())
                        .build());
            }
            entries.add(e.build());
        }
        List<SendBulkEmailRequest> requests = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += BULK_CHUNK) {
            requests.add(SendBulkEmailRequest.builder()
                    .fromEmailAddress(bulk.from().toHeaderValue())
                    .replyToAddresses(headerValues(bulk.replyTo()))
                    .defaultEmailTags(tags(bulk.tags()))
                    .configurationSetName(bulk.configurationSet().orElse(defaultConfigurationSet))
                    .defaultContent(BulkEmailContent.builder()
                            .template(Template.builder().templateName(bulk.template()).templateData(defaultData).build())
                            .build())
                    .bulkEmailEntries(entries.subList(from, Math.min(entries.size(), from + BULK_CHUNK)))
                    .build());
        }
        return requests;
    }

    /** Returns the recipients of one bulk request (SES counts each against rate and quota). */
    public static int recipients(SendBulkEmailRequest request) {
        return request.bulkEmailEntries().stream()
                .mapToInt(e -> e.destination().toAddresses().size() + e.destination().ccAddresses().size()
                        + e.destination().bccAddresses().size())
                .sum();
    }

    /** Maps one bulk call's results, numbering entries from {@code offset}. */
    public static List<BulkEntryResult> bulkResults(List<BulkEmailEntryResult> results, int offset) {
        List<BulkEntryResult> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            BulkEmailEntryResult r = results.get(i);
            out.add(new BulkEntryResult(offset + i, r.statusAsString(), r.messageId(),
                    r.error() == null ? null : Redaction.redact(r.error())));
        }
        return out;
    }

    /**
     * Returns the results of a bulk call that failed after its retries: {@code UNKNOWN_OUTCOME} when its
     * destinations may have been sent, else {@code FAILED}, with the failure's message.
     *
     * @param request the failed call
     * @param offset the index of its first destination
     * @param error the failure
     * @return one result per destination of the call
     */
    public static List<BulkEntryResult> bulkFailed(SendBulkEmailRequest request, int offset, TributaryException error) {
        String status = error instanceof SesSendException se && se.reason() == SesFailure.UNKNOWN_OUTCOME
                ? SesFailure.UNKNOWN_OUTCOME.name() : "FAILED";
        List<BulkEntryResult> out = new ArrayList<>();
        for (int i = 0; i < request.bulkEmailEntries().size(); i++) {
            out.add(new BulkEntryResult(offset + i, status, null, error.getMessage()));
        }
        return out;
    }

    /** Builds CreateEmailTemplate. */
    public static CreateEmailTemplateRequest createTemplate(EmailTemplate t) {
        return CreateEmailTemplateRequest.builder().templateName(t.name()).templateContent(templateContent(t)).build();
    }

    /** Builds UpdateEmailTemplate. */
    public static UpdateEmailTemplateRequest updateTemplate(EmailTemplate t) {
        return UpdateEmailTemplateRequest.builder().templateName(t.name()).templateContent(templateContent(t)).build();
    }

    /** Builds TestRenderEmailTemplate, serialising the data (a record, bean or Map) to JSON. */
    public static TestRenderEmailTemplateRequest renderTemplate(String name, @Nullable Object data) {
        return TestRenderEmailTemplateRequest.builder().templateName(name).templateData(renderData(data)).build();
    }

    /** Maps GetEmailTemplate. */
    public static EmailTemplate template(GetEmailTemplateResponse r) {
        return template(r.templateName(), r.templateContent());
    }

    /** Maps GetAccount. */
    public static AccountStatus account(GetAccountResponse r) {
        return new AccountStatus(
                r.sendQuota() == null ? 1 : r.sendQuota().maxSendRate(),
                r.sendQuota() == null ? 200 : r.sendQuota().max24HourSend(),
                r.sendQuota() == null ? 0 : r.sendQuota().sentLast24Hours(),
                Boolean.TRUE.equals(r.productionAccessEnabled()),
                !Boolean.FALSE.equals(r.sendingEnabled()),
                r.enforcementStatus() == null ? "HEALTHY" : r.enforcementStatus());
    }

    /** Maps a template to its SES content. */
    public static EmailTemplateContent templateContent(EmailTemplate t) {
        return EmailTemplateContent.builder().subject(t.subject()).text(t.text()).html(t.html()).build();
    }

    /** Maps SES template content back. */
    public static EmailTemplate template(String name, EmailTemplateContent c) {
        return EmailTemplate.of(name, c.subject(), c.text(), c.html());
    }

    /** Returns template data as JSON for TestRenderEmailTemplate. */
    public static String renderData(@Nullable Object data) {
        return TemplateData.toJson("data", data);
    }

    private static Destination destination(List<EmailAddress> to, List<EmailAddress> cc, List<EmailAddress> bcc) {
        return Destination.builder()
                .toAddresses(headerValues(to))
                .ccAddresses(headerValues(cc))
                .bccAddresses(headerValues(bcc))
                .build();
    }

    // Empty lists are left unset (null): the SDK then omits them, where an explicitly empty list is marshalled
    // as "[]" on every request (five per plain send) for SES to parse.
    private static @Nullable List<String> headerValues(List<EmailAddress> list) {
        return list.isEmpty() ? null : list.stream().map(EmailAddress::toHeaderValue).toList();
    }

    private static @Nullable List<software.amazon.awssdk.services.sesv2.model.MessageTag> tags(List<MessageTag> tags) {
        if (tags.isEmpty()) {
            return null;
        }
        return tags.stream()
                .map(t -> software.amazon.awssdk.services.sesv2.model.MessageTag.builder()
                        .name(t.name()).value(t.value()).build())
                .toList();
    }

    private static @Nullable ListManagementOptions listManagement(@Nullable ListManagement l) {
        return l == null ? null : ListManagementOptions.builder()
                .contactListName(l.contactList()).topicName(l.topic().orElse(null)).build();
    }

    private static Content content(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
