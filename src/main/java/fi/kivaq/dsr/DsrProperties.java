package fi.kivaq.dsr;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Settings of our own that are not about the controller, mail or signing. */
@ConfigurationProperties("dsr")
public record DsrProperties(
        /* Public base address of this system, used in every link we mail. */
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue Verification verification) {

    public record Verification(@DefaultValue("P7D") Duration linkValidity) {
    }

    /** Joins the public base address and a path, whether or not the base ends with a slash. */
    public String publicUrl(String path) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return base + path;
    }
}
