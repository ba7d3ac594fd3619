package fi.kivaq.dsr.request;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Whether a certificate names the person the register holds for the address. Names are compared as sets of words,
 * without letter case, diacritics, punctuation or numbers: "VIRTANEN AINO 999198153" (a Finnish citizen certificate:
 * surname, given name, identifier) names "Aino Virtanen", and "Aíno  Virtanen" does too; "Aino Virtanen-Forged" does not.
 */
final class SignerNames {

    private SignerNames() {
    }

    static boolean matches(X500Name subject, String registerName) {
        String wanted = normalised(registerName);
        if (wanted.isEmpty()) {
            return false;
        }
        Optional<String> given = first(subject, BCStyle.GIVENNAME);
        Optional<String> surname = first(subject, BCStyle.SURNAME);
        if (given.isPresent() && surname.isPresent() && normalised(given.get() + " " + surname.get()).equals(wanted)) {
            return true;
        }
        return first(subject, BCStyle.CN).map(SignerNames::normalised).filter(wanted::equals).isPresent();
    }

    /** Lower-case words without diacritics, sorted; words of digits only (identifiers) left out. */
    static String normalised(String name) {
        if (name == null) {
            return "";
        }
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        List<String> words = Arrays.stream(plain.split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty() && !word.chars().allMatch(Character::isDigit))
                .sorted().toList();
        return words.stream().collect(Collectors.joining(" "));
    }

    private static Optional<String> first(X500Name subject, ASN1ObjectIdentifier type) {
        RDN[] rdns = subject.getRDNs(type);
        return rdns.length == 0 ? Optional.empty() : Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
    }
}
