package fi.kivaq.dsr.verification;

import java.util.regex.Pattern;

/**
 * What a single-use link is for, declared by the module that uses it: the code kept beside the token (so that a
 * token of one kind never works on another kind's page) and the public path the link opens.
 *
 * @param code stored in {@code verification_token.purpose}, e.g. {@code SUBCONTRACTOR_ACKNOWLEDGEMENT}
 * @param path the page's path before the token, e.g. {@code /acknowledge/}
 */
public record LinkPurpose(String code, String path) {

    private static final Pattern CODE = Pattern.compile("[A-Z_]{1,30}");

    public LinkPurpose {
        if (!CODE.matcher(code).matches() || !path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("a purpose is an upper-case code and a path /like/this/: " + code + " " + path);
        }
    }
}
