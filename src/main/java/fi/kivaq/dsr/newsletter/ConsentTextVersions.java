package fi.kivaq.dsr.newsletter;

import org.springframework.stereotype.Service;

import fi.kivaq.dsr.shared.Language;

/**
 * The consent texts' versions for other modules that record a newsletter consent (an event's sign-up list): which
 * version is shown now, and whether a version exists, so that every recorded consent names words that are kept.
 */
@Service
public class ConsentTextVersions {

    private final ConsentTexts texts;

    ConsentTextVersions(ConsentTexts texts) {
        this.texts = texts;
    }

    /** The newest published version in the language. */
    public String current(Language language) {
        return texts.current(language).version();
    }

    public boolean exists(String version, Language language) {
        return version != null && texts.find(version, language).isPresent();
    }
}
