package fi.kivaq.dsr.subcontractor;

import java.util.List;
import java.util.Optional;

/**
 * Where the instruction to a recipient finds what a correction changed. Implemented by the module that owns the
 * corrections (rectification), so that this module reads no other module's tables and depends on none of them.
 */
public interface CorrectionSource {

    /** The correction a request made, once applied; empty when the request is no correction. */
    Optional<Correction> correctionFor(long requestId);

    /**
     * What a recipient needs to correct its copy: the person as it knows them (name and address before the
     * correction) and each corrected field (its name, e.g. {@code NAME}, and its new value), in the order to list.
     */
    record Correction(String personName, String personEmail, List<CorrectedValue> values) {
    }

    record CorrectedValue(String field, String value) {
    }
}
