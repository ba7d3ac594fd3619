package fi.kivaq.dsr.subcontractor;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The recipients that receive personal data outside the EU/EEA, and on which ground (GDPR Art. 15(1)(c), 15(2),
 * Chapter V); {@code dsr.transfers.outside-eea[n].*}. The access copy names those that apply to the person: a
 * subcontractor the person's data was disclosed to (by its name in the register), or a service provider that
 * holds the whole register ({@code all-contacts: true}). None configured: the letter says the data stays in the
 * EU/EEA.
 */
@ConfigurationProperties("dsr.transfers")
public record TransfersOutsideEea(@DefaultValue List<Transfer> outsideEea) {

    public TransfersOutsideEea {
        outsideEea = outsideEea == null ? List.of() : List.copyOf(outsideEea);
    }

    /**
     * @param recipient   the recipient, as the subcontractor register names it (or the service provider's name)
     * @param country     the country outside the EU/EEA
     * @param safeguard   the ground: an adequacy decision (Art. 45) or the appropriate safeguard (Art. 46), in the
     *                    words the letter prints
     * @param allContacts whether the recipient holds every contact's data (a service provider), not only that of
     *                    the persons disclosed to it
     */
    public record Transfer(String recipient, String country, String safeguard, boolean allContacts) {
    }
}
