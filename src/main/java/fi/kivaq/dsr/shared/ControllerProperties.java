package fi.kivaq.dsr.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The data controller as its privacy notice names it; printed on every letter and mail.
 * Defaults are KivaQ's own details from the privacy notice of 28 May 2018.
 */
@ConfigurationProperties("dsr.controller")
public record ControllerProperties(
        @DefaultValue("KivaQ OyAb") String name,
        @DefaultValue("Tohtorintie 1 as. 1") String streetAddress,
        @DefaultValue("25900") String postalCode,
        @DefaultValue("Taalintehdas") String city,
        @DefaultValue("Sabina Simola-Ström") String contactPerson,
        @DefaultValue("info@kivaq.fi") String email,
        @DefaultValue("KivaQ OyAb:n asiakas- ja käyttäjärekisteri") String registerName) {
}
