package fi.kivaq.dsr.newsletter;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fi.kivaq.dsr.register.ConsentWording;
import fi.kivaq.dsr.shared.Language;

/**
 * The newsletter's consent texts, every version ever shown kept in {@code newsletter_consent_text}, so that a consent
 * can be traced to the exact words the person saw (Art. 7(1)). A new wording is a new version (a migration or an
 * insert): an old version is never changed.
 */
@Component
class ConsentTexts implements ConsentWording {

    record ConsentText(String version, Language language, String text) {
    }

    private final JdbcClient jdbc;

    ConsentTexts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest published version in the language: what the sign-up page shows now. */
    ConsentText current(Language language) {
        return jdbc.sql("""
                        select version, text from newsletter_consent_text where language = :language
                        order by published_at desc, version desc fetch first 1 rows only""")
                .param("language", language.code())
                .query((rs, n) -> new ConsentText(rs.getString("version"), language, rs.getString("text")))
                .single();
    }

    /** For the access copy: the words a consent of the register was given to. */
    @Override
    public Optional<String> wording(String textVersion, String language) {
        return Language.fromCode(language).flatMap(l -> find(textVersion, l)).map(ConsentText::text);
    }

    Optional<ConsentText> find(String version, Language language) {
        return jdbc.sql("select text from newsletter_consent_text where version = :version and language = :language")
                .param("version", version).param("language", language.code())
                .query((rs, n) -> new ConsentText(version, language, rs.getString("text")))
                .optional();
    }
}
