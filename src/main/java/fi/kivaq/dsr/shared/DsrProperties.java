package fi.kivaq.dsr.shared;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of our own that are not about the controller, mail or signing. */
@ConfigurationProperties("dsr")
public record DsrProperties(
        /* Public base address of this system, used in every link we mail. */
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue Verification verification,
        @DefaultValue Intake intake) {

    public record Verification(@DefaultValue("P7D") Duration linkValidity) {
    }

    /**
     * Limits on the public form and API, which mail a verification link to any address typed in: at most
     * {@code maxRequestsPerAddress} requests per address within {@code addressWindow}, so that the form cannot be
     * used to flood someone's mailbox. The same for every address, in the register or not.
     */
    public record Intake(@DefaultValue("10") int maxRequestsPerAddress, @DefaultValue("P1D") Duration addressWindow) {
    }

    /** Joins the public base address and a path, whether or not the base ends with a slash. */
    public String publicUrl(String path) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return base + path;
    }
}
