package fi.kivaq.dsr.letter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import fi.kivaq.dsr.letter.PageFlow.Style;
import fi.kivaq.dsr.shared.ControllerProperties;
import fi.kivaq.dsr.shared.VerificationState;
import fi.kivaq.dsr.shared.SupervisoryAuthority;

/**
 * Writes the parts of one letter onto a {@link PageFlow}: letterhead, recipient, subject, the statements of
 * the letter type, closing and the supervisory authority. Every text comes from {@link LetterMessages}; every value
 * goes through {@link LetterFonts#printable(String)}, so register data is printed literally.
 */
final class LetterSections {

    private final PageFlow flow;
    private final LetterMessages texts;
    private final LetterFonts fonts;
    private final ControllerProperties controller;
    private final LetterContent content;
    private final java.util.List<RetentionSummary.Entry> retention;

    LetterSections(PageFlow flow, LetterMessages texts, LetterFonts fonts, ControllerProperties controller,
            LetterContent content, java.util.List<RetentionSummary.Entry> retention) {
        this.flow = flow;
        this.texts = texts;
        this.fonts = fonts;
        this.controller = controller;
        this.content = content;
        this.retention = retention;
    }

    void write() throws IOException {
        letterhead();
        recipient();
        subject();
        body();
        closing();
        supervisoryAuthority();
    }

    private void letterhead() throws IOException {
        float top = flow.y();
        float x = PageFlow.MARGIN;
        flow.textAt(p(controller.name()), Style.BRAND, x, top - Style.BRAND.size, true);
        float y = top - Style.BRAND.size - 6f;
        for (String line : List.of(
                controller.streetAddress(),
                controller.postalCode() + " " + controller.city(),
                texts.get("letterhead.contact", controller.contactPerson(), controller.email()),
                texts.get("letterhead.register", controller.registerName(texts.language())))) {
            y -= Style.SMALL.leading();
            flow.textAt(p(line), Style.SMALL, x, y, false);
        }

        // reference and dates in a column on the right
        float labelX = PageFlow.MARGIN + PageFlow.WIDTH * 0.6f;
        float valueX = labelX + PageFlow.WIDTH * 0.2f;
        float ry = top - Style.BRAND.size;
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {texts.get("label.reference"), content.reference()});
        facts.add(new String[] {texts.get("label.received"), texts.date(content.receivedOn())});
        facts.add(new String[] {texts.get("label.answered"), texts.date(content.answeredOn())});
        if (content.dueDate() != null) {
            facts.add(new String[] {texts.get("label.dueDate"), texts.date(content.dueDate())});
        }
        for (String[] fact : facts) {
            flow.textAt(p(fact[0]), Style.SMALL, labelX, ry, false);
            flow.textAt(p(fact[1]), Style.BOLD, valueX, ry, false);
            ry -= Style.BODY.leading();
        }
        flow.moveTo(Math.min(y, ry) - 6f);
        flow.rule();
        flow.space(10f);
    }

    private void recipient() throws IOException {
        if (content.recipientName() != null && !content.recipientName().isBlank()) {
            flow.paragraph(p(content.recipientName()), Style.BOLD);
            flow.space(-Style.BOLD.size * 0.5f);
        }
        flow.paragraph(p(content.recipientEmail()), Style.BODY);
        flow.space(6f);
    }

    private void subject() throws IOException {
        String type = "type." + content.type();
        flow.paragraph(p(texts.get(type + ".subject")), Style.TITLE);
        flow.paragraph(p(texts.get("label.requestType") + ": " + requestLine(type) + "\n"
                + texts.get("label.outcome") + ": " + texts.get(type + ".outcome")), Style.BODY);
        String name = content.recipientName();
        flow.paragraph(name == null || name.isBlank()
                ? p(texts.get("greeting.anonymous"))
                : p(texts.get("greeting.named", name)), Style.BODY);
    }

    /**
     * What was asked: the letter type's own wording (the right and its article), or, for the letters every kind of
     * request gets (receipt, extension, refusal), the kind of request, when known.
     */
    private String requestLine(String type) {
        boolean anyKind = content.type() == LetterType.RECEIPT || content.type() == LetterType.EXTENSION_NOTICE
                || content.type() == LetterType.REFUSAL;
        return anyKind && content.requestType() != null
                ? texts.get("requestKind." + content.requestType().name())
                : texts.get(type + ".request");
    }

    /** The receipt says how the address was checked only as it was: confirmed by the link, or not needed. */
    private String receiptAddressSentence(String type) {
        if (content.verification() == VerificationState.VERIFIED) {
            return texts.get(type + ".verified.confirmed", content.recipientEmail());
        }
        if (content.verification() == VerificationState.NOT_REQUIRED) {
            return texts.get(type + ".verified.notRequired", content.recipientEmail());
        }
        return texts.get(type + ".verified", content.recipientEmail());
    }

    private void body() throws IOException {
        String type = "type." + content.type();
        switch (content.type()) {
            case RECEIPT -> {
                statement();
                if (content.dueDate() != null) {
                    text(texts.get(type + ".due", texts.date(content.dueDate())));
                }
                text(receiptAddressSentence(type));
            }
            case ACCESS_DATA -> {
                statement();
                new AccessSections(flow, texts, fonts, controller, retention).write(content.extract());
            }
            case ACCESS_NO_DATA -> text(texts.get(type + ".statement", content.recipientEmail()));
            case RECTIFICATION_DONE -> {
                statement();
                list("section.changes", content.changes());
                notified();
            }
            case RECTIFICATION_PARTIAL -> {
                statement();
                list("section.decisions", content.changes());
                reason(content.reason());
                notified();
            }
            case RECTIFICATION_REFUSED -> {
                statement();
                list("section.requested", content.changes());
                reason(content.reason());
            }
            case REFUSAL -> {
                statement();
                reason(content.reason());
            }
            case ERASURE_DONE -> {
                statement();
                list("section.erased", content.changes());
                notified();
                text(texts.get("erasure.suppression"));
                text(texts.get("erasure.afterwards"));
            }
            case ERASURE_PARTIAL -> {
                statement();
                list("section.erased", content.changes());
                if (content.purgeDate() != null) {
                    flow.heading(p(texts.get("section.kept")), Style.HEADING);
                    text(texts.get("partial.purge", texts.date(content.purgeDate())));
                }
                flow.heading(p(texts.get("partial.ground")), Style.HEADING);
                text(content.reason() == null || content.reason().isBlank()
                        ? texts.get("partial.defaultGround") : content.reason());
                notified();
                text(texts.get("erasure.suppression"));
                text(texts.get("erasure.afterwards"));
            }
            case ERASURE_NOTHING_HELD -> {
                // no suppression entry is made when nothing was held: the block list is not mentioned
                statement();
                text(texts.get("erasure.nothingHeld.records"));
                text(texts.get("erasure.nothingHeld.afterwards"));
            }
            case UNSUBSCRIBE_CONFIRMATION -> {
                statement();
                text(texts.get(type + ".more"));
            }
            case RESTRICTION_GRANTED -> {
                statement();
                list("section.ground", content.changes());
                reason(content.reason());
                notified();
                text(texts.get(type + ".more"));
            }
            case RESTRICTION_REFUSED -> {
                statement();
                list("section.ground", content.changes());
                reason(content.reason());
            }
            case OBJECTION_UPHELD, OBJECTION_REJECTED -> {
                statement();
                list("section.objection", content.changes());
                reason(content.reason());
            }
            case RESTRICTION_LIFTED -> {
                statement();
                reason(content.reason());
                text(texts.get(type + ".more"));
            }
            case OBJECTION_MARKETING_ENDED -> {
                statement();
                text(texts.get(type + ".more"));
            }
            case EXTENSION_NOTICE -> {
                statement();
                if (content.dueDate() != null) {
                    text(texts.get(type + ".due", texts.date(content.dueDate())));
                }
                reason(content.reason());
            }
        }
    }

    private void statement() throws IOException {
        text(texts.get("type." + content.type() + ".statement"));
    }

    private void reason(String reason) throws IOException {
        if (reason != null && !reason.isBlank()) {
            flow.heading(p(texts.get("section.reason")), Style.HEADING);
            text(reason);
        }
    }

    private void list(String headingKey, List<String> items) throws IOException {
        if (!items.isEmpty()) {
            flow.heading(p(texts.get(headingKey)), Style.HEADING);
            flow.bullets(items.stream().map(this::p).toList(), Style.BODY);
        }
    }

    private void notified() throws IOException {
        flow.heading(p(texts.get("section.notified")), Style.HEADING);
        if (content.notifiedRecipients().isEmpty()) {
            text(texts.get("notified.none"));
        } else {
            text(texts.get("notified.intro"));
            flow.bullets(content.notifiedRecipients().stream().map(this::p).toList(), Style.BODY);
        }
    }

    private void closing() throws IOException {
        flow.space(4f);
        flow.ensureRoom(Style.BODY.leading() * 5);
        flow.paragraph(p(texts.get("closing")), Style.BODY);
        flow.paragraph(p(controller.contactPerson() + "\n" + controller.name()), Style.BODY);
        flow.paragraph(p(texts.get("seal", controller.name())), Style.SMALL);
    }

    /**
     * The right to complain (Art. 77) is in every letter, with the authority's addresses and its complaint form;
     * refusals also name the court action against us (Art. 79, Art. 12(4)).
     */
    private void supervisoryAuthority() throws IOException {
        SupervisoryAuthority authority = texts.authority();
        flow.space(4f);
        // keep the block on one page: heading, text, four address lines, the form and, for refusals, the courts
        flow.ensureRoom(Style.BODY.leading() * (content.type().refusesSomething() ? 17 : 13));
        flow.rule();
        flow.heading(p(texts.get("authority.heading")), Style.HEADING);
        text(texts.get("authority.text"));
        flow.paragraph(p(authority.name() + "\n" + authority.streetAddress() + "\n"
                + texts.get("authority.postal", authority.postalAddress()) + "\n"
                + texts.get("authority.contact", authority.web(), authority.email(), authority.phone())), Style.BOLD);
        text(texts.get("authority.form", authority.web()));
        if (content.type().refusesSomething()) {
            text(texts.get("authority.judicial"));
        }
    }

    private void text(String text) throws IOException {
        flow.paragraph(p(text), Style.BODY);
    }

    private String p(String text) {
        return fonts.printable(text);
    }
}
