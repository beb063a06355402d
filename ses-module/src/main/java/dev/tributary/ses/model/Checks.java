package dev.tributary.ses.model;

import dev.tributary.core.TributaryValidationException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Input checks shared by the model: header injection, header names, tags, blocked attachment types.
 *
 * <p>Package-private on purpose: the model validates its own values at {@code build()}, so nothing outside this
 * package needs these rules except the configuration-set name, which {@link ConfigurationSet#checkName} offers as
 * one small supported method. Keeping the rest here keeps them out of the public API without making public
 * model types import an {@code internal} package.
 */
final class Checks {
    private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    /** SES's limit of recipients (To, Cc and Bcc) per message or bulk destination. */
    static final int MAX_RECIPIENTS = 50;

    // File types SES refuses to send (SES developer guide, "Unsupported attachment types").
    private static final Set<String> BLOCKED_EXTENSIONS = Set.of(
            "ade", "adp", "app", "asp", "bas", "bat", "cer", "chm", "cmd", "com", "cpl", "crt", "csh", "der",
            "exe", "fxp", "gadget", "hlp", "hta", "inf", "ins", "isp", "its", "js", "jse", "ksh", "lib", "lnk",
            "mad", "maf", "mag", "mam", "maq", "mar", "mas", "mat", "mau", "mav", "maw", "mda", "mdb", "mde",
            "mdt", "mdw", "mdz", "msc", "msh", "msh1", "msh2", "mshxml", "msh1xml", "msh2xml", "msi", "msp",
            "mst", "ops", "pcd", "pif", "plg", "prf", "prg", "reg", "scf", "scr", "sct", "shb", "shs", "sys",
            "ps1", "ps1xml", "ps2", "ps2xml", "psc1", "psc2", "tmp", "url", "vb", "vbe", "vbs", "vps",
            "vsmacros", "vss", "vst", "vsw", "vws", "xnk");

    private Checks() {}

    /** Refuses CR or LF in a value that ends up in a header line (header injection). */
    static String noLineBreaks(String field, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw TributaryValidationException.of(field, "must not contain CR or LF characters (header injection)");
        }
        return value;
    }

    /** Refuses a header name that is not an RFC 5322 field name. */
    static String headerName(String field, String name) {
        if (!HEADER_NAME.matcher(name).matches()) {
            throw TributaryValidationException.of(field, "must be a header name of printable ASCII without ':' or spaces");
        }
        return name;
    }

    /** Refuses a message-tag name or value SES would reject. */
    static String tag(String field, String value) {
        if (!TAG.matcher(value).matches()) {
            throw TributaryValidationException.of(field, "must be 1-256 characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return value;
    }

    /**
     * Refuses a missing template name, or one SES would reject (the stored-template name rules are the tag rules).
     * {@link TemplatedEmail} and {@link BulkEmail} both name a template; this is their one check.
     */
    /**
     * Checks a message's (or bulk destination's) number of recipients: at least one, at most
     * {@value #MAX_RECIPIENTS}, SES's limit.
     */
    static void recipientCount(String field, int count, String noneMessage, String tooManyMessage) {
        if (count == 0) {
            throw TributaryValidationException.of(field, noneMessage);
        }
        if (count > MAX_RECIPIENTS) {
            throw TributaryValidationException.of(field, tooManyMessage);
        }
    }

    static String templateName(@org.jspecify.annotations.Nullable String template) {
        if (template == null) {
            throw TributaryValidationException.of("template", "is required; name the stored template to render");
        }
        return tag("template", template);
    }

    /** Refuses an attachment whose file type SES blocks, naming the file. */
    static void allowedAttachment(String field, String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot >= 0) {
            String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (BLOCKED_EXTENSIONS.contains(ext)) {
                throw TributaryValidationException.of(field, "SES does not send attachments of type ." + ext
                        + " (file '" + fileName + "'); zip it or share a link instead");
            }
        }
    }

    /** Refuses null or blank text. */
    static String notBlank(String field, @org.jspecify.annotations.Nullable String value) {
        if (value == null || value.isBlank()) {
            throw TributaryValidationException.of(field, "is required");
        }
        return value;
    }
}
