package fi.kivaq.dsr.erasure;

import org.springframework.stereotype.Component;

/** Settings the erasure BPMN reads: {@code ${erasureTimers.reduceRetryCycle}}. */
@Component("erasureTimers")
public class ErasureTimers {

    private final ErasureProperties properties;

    ErasureTimers(ErasureProperties properties) {
        this.properties = properties;
    }

    public String getReduceRetryCycle() {
        return properties.reduceRetryCycle();
    }
}
