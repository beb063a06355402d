package dev.tributary.ses.inbound.internal;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.MailHeader;
import dev.tributary.ses.inbound.InboundAttachment;
import dev.tributary.ses.inbound.MailboxAddress;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/** Parses raw MIME with Jakarta Mail into the parts {@link dev.tributary.ses.inbound.InboundMessage} exposes. */
public final class MimeReader {
    /** Deeper nesting than this is not a real message; stop rather than recurse without end. */
    private static final int MAX_DEPTH = 32;
    private static final Session SESSION;

    static {
        Properties props = new Properties();
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.decodefilename", "true");
        SESSION = Session.getInstance(props);
    }

    private MimeReader() {}

    /** What was read from one message. */
    public record Parsed(
            List<MailboxAddress> from,
            List<MailboxAddress> to,
            List<MailboxAddress> cc,
            List<MailboxAddress> replyTo,
            @Nullable String subject,
            @Nullable Instant date,
            @Nullable String messageId,
            @Nullable String text,
            @Nullable String html,
            List<InboundAttachment> attachments,
            List<MailHeader> headers) {}

    private static final class Bodies {
        @Nullable String text;
        @Nullable String html;
        final List<InboundAttachment> attachments = new ArrayList<>();
    }

    /**
     * Parses a raw message.
     *
     * @param raw the message bytes
     * @return the parts
     * @throws TributaryValidationException when Jakarta Mail cannot parse it
     */
    public static Parsed read(byte[] raw) {
        if (raw.length == 0) {
            throw TributaryValidationException.of("rawMessage", "is empty; expected an RFC 5322 message");
        }
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Bodies bodies = new Bodies();
            walk(m, bodies, 0);
            Date sent = safeDate(m);
            return new Parsed(addresses(m, "From"), addresses(m, "To"), addresses(m, "Cc"),
                    addresses(m, "Reply-To"), m.getSubject(), sent == null ? null : sent.toInstant(),
                    m.getMessageID(), bodies.text, bodies.html, bodies.attachments, headers(m));
        } catch (MessagingException | IOException e) {
            // The library's message may quote header content; name the failure kind only.
            throw TributaryValidationException.of("rawMessage", "is not a parseable MIME message ("
                    + e.getClass().getSimpleName() + "); pass the message bytes exactly as received");
        }
    }

    private static void walk(Part part, Bodies out, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    walk(mp.getBodyPart(i), out, depth + 1);
                }
                return;
            }
        }
        String disposition = part.getDisposition();
        String fileName = fileName(part);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null;
        if (!attachment && part.isMimeType("text/plain") && out.text == null) {
            out.text = text(part);
        } else if (!attachment && part.isMimeType("text/html") && out.html == null) {
            out.html = text(part);
        } else {
            String contentId = part instanceof MimePart mp ? mp.getContentID() : null;
            if (contentId != null) {
                contentId = contentId.strip().replaceAll("^<|>$", "");
            }
            byte[] bytes;
            try (InputStream in = part.getInputStream()) {
                bytes = in.readAllBytes();
            }
            boolean inline = Part.INLINE.equalsIgnoreCase(disposition) || disposition == null && contentId != null;
            out.attachments.add(InboundAttachment.of(fileName, baseType(part), bytes, contentId, inline));
        }
    }

    private static @Nullable String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (UnsupportedEncodingException e) {
            return name;
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object c = part.getContent();
            if (c instanceof String s) {
                return s;
            }
        } catch (UnsupportedEncodingException e) {
            // Unknown charset label: fall through and decode the bytes ourselves.
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        return new String(bytes, charset(part));
    }

    private static Charset charset(Part part) {
        try {
            String cs = new ContentType(part.getContentType()).getParameter("charset");
            return cs == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(cs));
        } catch (MessagingException | IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String baseType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | NullPointerException e) {
            return "application/octet-stream";
        }
    }

    private static List<MailboxAddress> addresses(MimeMessage m, String header) throws MessagingException {
        String raw = m.getHeader(header, ",");
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        try {
            List<MailboxAddress> out = new ArrayList<>();
            for (InternetAddress a : InternetAddress.parseHeader(raw, false)) {
                if (a.isGroup()) {
                    for (InternetAddress member : a.getGroup(false)) {
                        add(out, member);
                    }
                } else {
                    add(out, a);
                }
            }
            return out;
        } catch (AddressException e) {
            return List.of();
        }
    }

    private static void add(List<MailboxAddress> out, InternetAddress a) {
        String address = a.getAddress();
        // Lenient parsing turns junk into "addresses"; a mailbox needs at least local@domain.
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at > 0 && at < address.length() - 1 && address.indexOf('<') < 0 && address.indexOf('>') < 0) {
            String personal = a.getPersonal();
            out.add(new MailboxAddress(address, personal == null || personal.isBlank() ? null : personal));
        }
    }

    private static @Nullable Date safeDate(MimeMessage m) {
        try {
            return m.getSentDate();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static List<MailHeader> headers(MimeMessage m) throws MessagingException {
        List<MailHeader> out = new ArrayList<>();
        Enumeration<Header> e = m.getAllHeaders();
        while (e.hasMoreElements()) {
            Header h = e.nextElement();
            String value = h.getValue() == null ? "" : h.getValue().replaceAll("\r?\n(?=[ \t])", "");
            out.add(new MailHeader(h.getName(), value));
        }
        return out;
    }
}
