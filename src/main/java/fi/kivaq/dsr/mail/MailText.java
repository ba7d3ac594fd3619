package fi.kivaq.dsr.mail;

import java.io.IOException;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** The plain-text body of a received mail: what the mail sink writes beside each .eml, and what tests read. */
public final class MailText {

    private MailText() {
    }

    /** The first text/plain part, looking inside multipart alternatives and mixed parts; empty if there is none. */
    public static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = plainText(body);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }
}
