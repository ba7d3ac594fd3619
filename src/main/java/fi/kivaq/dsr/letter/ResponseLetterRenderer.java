package fi.kivaq.dsr.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import fi.kivaq.dsr.shared.ControllerProperties;
import fi.kivaq.dsr.shared.DeadlineCalculator;
import fi.kivaq.dsr.shared.Language;
import fi.kivaq.dsr.shared.RetentionPolicy;

/**
 * Renders a response letter as an unsigned PDF/A-3b document on KivaQ's letterhead, in the requester's language.
 * Access letters carry the extract as an embedded {@code data.json}.
 */
@Component
class ResponseLetterRenderer {

    static final String DATA_FILE = "data.json";

    private final ControllerProperties controller;
    private final LetterFonts fonts = new LetterFonts();
    private final PdfA3 pdfA = new PdfA3();
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private final Clock clock = Clock.system(DeadlineCalculator.HELSINKI);
    private final Map<Language, LetterMessages> texts = new EnumMap<>(Language.class);

    private final RetentionPolicy retention;

    /** With the default retention policy ({@link RetentionPolicy#defaults()}), for tests. */
    ResponseLetterRenderer(ControllerProperties controller, MessageSource messages) {
        this(controller, messages, RetentionPolicy.defaults());
    }

    @Autowired
    ResponseLetterRenderer(ControllerProperties controller, MessageSource messages, RetentionPolicy retention) {
        this.controller = controller;
        this.retention = retention;
        for (Language language : Language.values()) {
            texts.put(language, new LetterMessages(messages, language));
        }
    }

    byte[] render(LetterContent content) {
        LetterMessages texts = Language.fromCode(content.language()).map(this.texts::get)
                .orElseThrow(() -> new IllegalArgumentException("Unsupported letter language: " + content.language()));
        return render(content, texts);
    }

    private byte[] render(LetterContent content, LetterMessages texts) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        try (PDDocument document = new PDDocument()) {
            PageFlow flow = new PageFlow(document, fonts.load(document));
            new LetterSections(flow, texts, fonts, controller, content, RetentionSummary.of(retention, texts)).write();
            flow.finish(fonts.printable(texts.get("footer", controller.name(), controller.streetAddress(),
                    controller.postalCode(), controller.city(), controller.email())));

            String title = fonts.printable(texts.get("document.title", content.reference()));
            String subject = fonts.printable(texts.get("document.subject",
                    texts.get("type." + content.type() + ".subject"), controller.name()));
            pdfA.declare(document, new PdfA3.Description(title, subject, controller.name(), texts.language().code(), now));
            if (content.type() == LetterType.ACCESS_DATA) {
                pdfA.attachData(document, DATA_FILE, "application/json",
                        texts.get("type.ACCESS_DATA.subject"), machineReadableCopy(content, texts), now);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not render letter " + content.reference(), e);
        }
    }

    /** The word that tells the letter's file from the request's other letters, in the letter's language. */
    String fileWord(LetterContent content) {
        String kind = switch (content.type()) {
            case RECEIPT -> "receipt";
            case EXTENSION_NOTICE -> "extension";
            case UNSUBSCRIBE_CONFIRMATION -> "confirmation";
            default -> "answer";
        };
        Language language = Language.fromCode(content.language()).orElse(Language.FI);
        return texts.get(language).get("file." + kind);
    }

    private byte[] machineReadableCopy(LetterContent content, LetterMessages texts) {
        try {
            return json.writeValueAsBytes(new MachineReadableCopy(MachineReadableCopy.FORMAT, controller.name(),
                    Language.fromCode(content.language()).map(controller::registerName)
                            .orElse(controller.registerName()), content.reference(), content.answeredOn(), content.extract(),
                    RetentionSummary.of(retention, texts)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise the access extract", e);
        }
    }
}
