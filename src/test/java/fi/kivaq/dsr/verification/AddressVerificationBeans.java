package fi.kivaq.dsr.verification;

import java.time.Duration;

import org.camunda.bpm.engine.test.mock.Mocks;

import fi.kivaq.dsr.shared.DsrProperties;

/**
 * The beans that bpmn/address-verification.bpmn names, for the fast process tests: the real delegates around the
 * given (mocked) use case, and the real timer bean with the given link validity. Public because the processes that
 * call address verification ({@code unsubscribe.bpmn} and others) are tested in their own packages.
 */
public final class AddressVerificationBeans {

    public static final String BPMN = "bpmn/address-verification.bpmn";

    private AddressVerificationBeans() {
    }

    public static void register(AddressVerification verification, Duration linkValidity) {
        Mocks.register("sendVerificationLinkDelegate", new SendVerificationLinkDelegate(verification));
        Mocks.register("closeUnverifiedRequestDelegate", new CloseUnverifiedRequestDelegate(verification));
        Mocks.register("processTimers", new ProcessTimers(new DsrProperties("http://localhost:8080",
                new DsrProperties.Verification(linkValidity), new DsrProperties.Intake(10, Duration.ofDays(1)))));
    }
}
