package fi.kivaq.dsr.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.ibm.icu.text.IDNA;
import com.ibm.icu.text.SpoofChecker;

/**
 * The one canonical form of an e-mail address, used before every lookup, uniqueness check and limit.
 *
 * <ul>
 *   <li>{@link #canonical}: what we store and mail to. Unicode NFKC (fullwidth letters become ordinary ones),
 *   spaces, no-break and zero-width spaces around it removed, the domain in lower case and as ASCII (IDNA UTS #46,
 *   punycode {@code xn--}); the local part is kept as typed, since only its mailbox owner knows what it means.</li>
 *   <li>{@link #normalise}: the canonical form in lower case, for lookups in the register and among requests.</li>
 *   <li>{@link #limitKey}: folded much further, for the per-address limit of the public intake only: a {@code +tag}
 *   and dots of the local part dropped, accents and Unicode look-alikes (Cyrillic {@code а} for Latin {@code a},
 *   dotted capital I) reduced to one skeleton (UTS #39). Two different people may share a limit key; that is
 *   harmless for a limit and would be wrong for an identity, so it is never used to find anyone.</li>
 * </ul>
 */
public final class EmailAddresses {

    /** Whitespace, no-break and zero-width characters that people paste around an address without seeing them. */
    private static final Pattern INVISIBLE_EDGES = Pattern.compile(
            "^[\\s\\p{Z}\\u200B-\\u200D\\u2060\\uFEFF\\u180E]+|[\\s\\p{Z}\\u200B-\\u200D\\u2060\\uFEFF\\u180E]+$");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final IDNA IDNA_UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);
    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();

    private EmailAddresses() {
    }

    /**
     * The address as we store and mail it, or empty when it cannot be an address (no {@code @}, a domain that IDNA
     * refuses, a lone surrogate). Whether the rest is a plausible address is the validator's business.
     */
    public static Optional<String> canonical(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isHighSurrogate(c) ? i + 1 >= raw.length() || !Character.isLowSurrogate(raw.charAt(++i))
                    : Character.isLowSurrogate(c)) {
                return Optional.empty();
            }
        }
        String text = INVISIBLE_EDGES.matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC)).replaceAll("");
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return Optional.empty();
        }
        return asciiDomain(text.substring(at + 1)).map(domain -> text.substring(0, at) + "@" + domain);
    }

    /** The canonical form in lower case: the key of every lookup of a person by address. */
    public static String normalise(String email) {
        return canonical(email).orElseGet(() -> email.strip()).toLowerCase(Locale.ROOT);
    }

    /** The key of the per-address limit of public requests: see the class comment; never used to find a person. */
    public static String limitKey(String email) {
        String normalised = normalise(email);
        int at = normalised.lastIndexOf('@');
        String local = at < 0 ? normalised : normalised.substring(0, at);
        String domain = at < 0 ? "" : normalised.substring(at + 1);
        int tag = local.indexOf('+');
        if (tag > 0) {
            local = local.substring(0, tag);
        }
        local = local.replace(".", "");
        local = MARKS.matcher(Normalizer.normalize(local, Normalizer.Form.NFKD)).replaceAll("");
        local = Normalizer.normalize(SKELETONS.getSkeleton(local), Normalizer.Form.NFKD);
        local = MARKS.matcher(local).replaceAll("").toLowerCase(Locale.ROOT);
        return local + "@" + domain;
    }

    private static Optional<String> asciiDomain(String domain) {
        StringBuilder ascii = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        IDNA_UTS46.nameToASCII(domain, ascii, info);
        if (info.hasErrors() || ascii.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ascii.toString().toLowerCase(Locale.ROOT));
    }
}
