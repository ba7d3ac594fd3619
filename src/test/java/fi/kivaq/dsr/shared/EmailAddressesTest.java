package fi.kivaq.dsr.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One canonical form of an address before the limit and the register lookup, and a much folded key for the limit. */
@Tag("fast")
class EmailAddressesTest {

    @Test
    void invisibleSpacesFullwidthLettersAndTheDomainsCaseAreCanonicalised() {
        assertThat(EmailAddresses.canonical("\u200B aino@KivaQ.Example\u00A0")).contains("aino@kivaq.example");
        assertThat(EmailAddresses.canonical("\uFEFFaino@kivaq.example\u2060")).contains("aino@kivaq.example");
        assertThat(EmailAddresses.canonical("ａｉｎｏ@ｋｉｖａｑ.ｅｘａｍｐｌｅ")).contains("aino@kivaq.example");
        // the local part is the mailbox owner's: kept as typed
        assertThat(EmailAddresses.canonical("Aino.Virtanen@kivaq.example")).contains("Aino.Virtanen@kivaq.example");
    }

    @Test
    void anInternationalDomainBecomesItsAsciiPunycode() {
        assertThat(EmailAddresses.canonical("aino@Müller.de")).contains("aino@xn--mller-kva.de");
        assertThat(EmailAddresses.normalise("AINO@xn--mller-kva.de")).isEqualTo(EmailAddresses.normalise("aino@müller.DE"));
    }

    @Test
    void anAddressThatCanNeverBeMailedHasNoCanonicalForm() {
        assertThat(EmailAddresses.canonical("aino\uD800@kivaq.example")).isEmpty();
        assertThat(EmailAddresses.canonical("aino@kivaq\uDC00.example")).isEmpty();
        assertThat(EmailAddresses.canonical("aino@-bad-.example")).isEmpty();
        assertThat(EmailAddresses.canonical("no-at-sign")).isEmpty();
    }

    @Test
    void theLimitKeyFoldsTagsDotsAccentsAndLookAlikes() {
        String key = EmailAddresses.limitKey("ainovirtanen@kivaq.example");
        assertThat(EmailAddresses.limitKey("Aino.Virtanen+newsletter@KIVAQ.example")).isEqualTo(key);
        assertThat(EmailAddresses.limitKey("\u00A0ainovirtanen@kivaq.example")).isEqualTo(key);
        assertThat(EmailAddresses.limitKey("ａｉｎｏvirtanen@kivaq.example")).isEqualTo(key);
        // Cyrillic а (U+0430) and о (U+043E) for the Latin letters
        assertThat(EmailAddresses.limitKey("\u0430in\u043Evirtanen@kivaq.example")).isEqualTo(key);
        // dotted capital I
        assertThat(EmailAddresses.limitKey("A\u0130novirtanen@kivaq.example"))
                .isEqualTo(EmailAddresses.limitKey("aInovirtanen@kivaq.example"));
        assertThat(EmailAddresses.limitKey("aino@müller.de")).isEqualTo(EmailAddresses.limitKey("aino@xn--mller-kva.de"));
        // but identity is never folded: these stay different people for the register
        assertThat(EmailAddresses.normalise("aino.virtanen@kivaq.example"))
                .isNotEqualTo(EmailAddresses.normalise("ainovirtanen@kivaq.example"));
        assertThat(EmailAddresses.limitKey("someone.else@kivaq.example")).isNotEqualTo(key);
    }
}
