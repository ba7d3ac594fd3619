package fi.kivaq.dsr.verification;

import java.time.Duration;

import org.camunda.bpm.engine.test.mock.Mocks;
import org.mockito.Mockito;

import fi.kivaq.dsr.shared.DsrProperties;

/**
 * The beans that bpmn/address-verification.bpmn names, for the fast process tests: the real delegates around the
 * given (mocked) use case, the real timer bean with the given link validity, and whether the link was mailed when
 * the request was filed (by default not: a request staff register). Public because the processes that
 * call address verification ({@code unsubscribe.bpmn} and others) are tested in their own packages.
 */
public final class AddressVerificationBeans {

    public static final String BPMN = "bpmn/address-verification.bpmn";

    private AddressVerificationBeans() {
    }

    /** For the calling processes' tests in other packages: registers a recording use case and returns what it saw. */
    public static LinkCalls register(Duration linkValidity) {
        AddressVerification verification = Mockito.mock(AddressVerification.class);
        register(verification, linkValidity);
        return new LinkCalls(verification);
    }

    /** What the address-verification process asked of its use case. */
    public static final class LinkCalls {

        private final AddressVerification verification;

        private LinkCalls(AddressVerification verification) {
            this.verification = verification;
        }

        public void assertLinkSent(long requestId) {
            Mockito.verify(verification).sendLink(requestId);
        }

        public void assertClosedUnverified(long requestId) {
            Mockito.verify(verification).closeUnverified(requestId);
        }
    }

    static void register(AddressVerification verification, Duration linkValidity) {
        register(verification, linkValidity, false);
    }

    /** With {@code linkMailedAtFiling}, the request is one filed on the form or by the API (LinkAtFiling mailed it). */
    static void register(AddressVerification verification, Duration linkValidity, boolean linkMailedAtFiling) {
        Mocks.register("linkAtFiling", new LinkAtFiling(verification, null) {
            @Override
            public boolean mailed(long requestId) {
                return linkMailedAtFiling;
            }
        });
        Mocks.register("sendVerificationLinkDelegate", new SendVerificationLinkDelegate(verification));
        Mocks.register("closeUnverifiedRequestDelegate", new CloseUnverifiedRequestDelegate(verification));
        Mocks.register("processTimers", new ProcessTimers(new DsrProperties("http://localhost:8080",
                new DsrProperties.Verification(linkValidity), new DsrProperties.Intake(10, Duration.ofDays(1)))));
    }
}
