package fi.kivaq.dsr.support;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import fi.kivaq.dsr.mail.MailText;

/** Reading the mails tests receive. */
public final class Mails {

    private static final Pattern VERIFY_LINK = Pattern.compile("https?://\\S+/verify/([A-Za-z0-9_-]{43})");
    private static final Pattern ACKNOWLEDGE_LINK = Pattern.compile("https?://\\S+(/acknowledge/[A-Za-z0-9_-]{43})");
    private static final Pattern ADDRESS_LINK = Pattern.compile("https?://\\S+(/confirm-address/[A-Za-z0-9_-]{43})");

    private Mails() {
    }

    public static String text(MimeMessage message) {
        try {
            return MailText.plainText(message);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file attached to a mail. */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }

    public static java.util.List<Attachment> attachments(MimeMessage message) {
        try {
            java.util.List<Attachment> found = new java.util.ArrayList<>();
            if (message.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) message.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                        found.add(new Attachment(part.getFileName(), part.getContentType(),
                                part.getInputStream().readAllBytes()));
                    }
                }
            }
            return found;
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path of the verification link in a mail, e.g. {@code /verify/abc…}. */
    public static String verificationPath(MimeMessage message) {
        Matcher m = VERIFY_LINK.matcher(text(message));
        if (!m.find()) {
            throw new AssertionError("no verification link in mail:\n" + text(message));
        }
        return "/verify/" + m.group(1);
    }

    /** The path of a subcontractor's acknowledgement link in a mail, e.g. {@code /acknowledge/abc…}. */
    public static String acknowledgementPath(MimeMessage message) {
        return path(ACKNOWLEDGE_LINK, message, "acknowledgement");
    }

    /** The path of the link confirming a new e-mail address, e.g. {@code /confirm-address/abc…}. */
    public static String addressConfirmationPath(MimeMessage message) {
        return path(ADDRESS_LINK, message, "address confirmation");
    }

    private static String path(Pattern link, MimeMessage message, String what) {
        Matcher m = link.matcher(text(message));
        if (!m.find()) {
            throw new AssertionError("no " + what + " link in mail:\n" + text(message));
        }
        return m.group(1);
    }
}
