package fi.kivaq.dsr.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The data controller as its privacy notice names it; every page, mail and letter that names the company takes
 * these values ({@code dsr.controller.*}), no text types them. Defaults are KivaQ's own details from the privacy
 * notice of 28 May 2018.
 *
 * @param shortName      the name the company calls itself in running text ("KivaQ:n uutiskirje", "Only KivaQ staff")
 * @param registerName   the register's name in Finnish, as the privacy notice gives it
 * @param registerNameSv the register's name in Swedish letters
 * @param registerNameEn the register's name in English letters
 */
@ConfigurationProperties("dsr.controller")
public record ControllerProperties(
        @DefaultValue("KivaQ OyAb") String name,
        @DefaultValue("Tohtorintie 1 as. 1") String streetAddress,
        @DefaultValue("25900") String postalCode,
        @DefaultValue("Taalintehdas") String city,
        @DefaultValue("Sabina Simola-Ström") String contactPerson,
        @DefaultValue("info@kivaq.fi") String email,
        @DefaultValue("KivaQ OyAb:n asiakas- ja käyttäjärekisteri") String registerName,
        @DefaultValue("KivaQ") String shortName,
        @DefaultValue("KivaQ OyAb:s kund- och användarregister") String registerNameSv,
        @DefaultValue("KivaQ OyAb's customer and user register") String registerNameEn) {

    @ConstructorBinding
    public ControllerProperties {
    }

    /** Without translations of its own, the register is called by its Finnish name in every language. */
    public ControllerProperties(String name, String streetAddress, String postalCode, String city,
            String contactPerson, String email, String registerName, String shortName) {
        this(name, streetAddress, postalCode, city, contactPerson, email, registerName, shortName, registerName,
                registerName);
    }

    /** The register's name in the language of a letter. */
    public String registerName(Language language) {
        return switch (language) {
            case FI -> registerName;
            case SV -> registerNameSv;
            case EN -> registerNameEn;
        };
    }

    /** Without a short name of its own, the company is called by its name in running text too. */
    public ControllerProperties(String name, String streetAddress, String postalCode, String city,
            String contactPerson, String email, String registerName) {
        this(name, streetAddress, postalCode, city, contactPerson, email, registerName, name);
    }
}
