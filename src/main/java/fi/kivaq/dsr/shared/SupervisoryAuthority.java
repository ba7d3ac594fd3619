package fi.kivaq.dsr.shared;

import org.springframework.context.MessageSource;

/**
 * The supervisory authority as it publishes itself in one language: the Data Protection Ombudsman (tietosuojavaltuutettu,
 * dataombudsmannen). The details live once per language in {@link TextBundles#AUTHORITY}; every letter and mail takes
 * them from here, so no text types the address.
 *
 * @param name          the office's name ("Tietosuojavaltuutetun toimisto", "Dataombudsmannens byrå", …)
 * @param streetAddress street address with postcode and city, in the language's own street and city names
 * @param postalAddress P.O. Box with postcode and city
 * @param web           the web site in the language; it links the complaint form
 * @param email         the office's e-mail address
 * @param phone         the office's switchboard
 */
public record SupervisoryAuthority(String name, String streetAddress, String postalAddress, String web, String email,
                                   String phone) {

    public static SupervisoryAuthority in(MessageSource texts, Language language) {
        return new SupervisoryAuthority(
                texts.getMessage("authority.name", null, language.locale()),
                texts.getMessage("authority.streetAddress", null, language.locale()),
                texts.getMessage("authority.postalAddress", null, language.locale()),
                texts.getMessage("authority.web", null, language.locale()),
                texts.getMessage("authority.email", null, language.locale()),
                texts.getMessage("authority.phone", null, language.locale()));
    }
}
