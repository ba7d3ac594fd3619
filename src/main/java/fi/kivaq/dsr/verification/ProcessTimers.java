package fi.kivaq.dsr.verification;

import org.springframework.stereotype.Component;

import fi.kivaq.dsr.shared.DsrProperties;

/** Timer durations for the BPMN files, from configuration: {@code ${processTimers.verificationLinkValidity}}. */
@Component("processTimers")
public class ProcessTimers {

    private final DsrProperties properties;

    ProcessTimers(DsrProperties properties) {
        this.properties = properties;
    }

    /** ISO-8601 duration after which an unused verification link ends its request. */
    public String getVerificationLinkValidity() {
        return properties.verification().linkValidity().toString();
    }
}
