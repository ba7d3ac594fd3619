package fi.kivaq.dsr.rectification;

import java.util.Map;

/** Problems with a staff decision or proposal, by form field ("NAME", …, or "reason" / "decision"), as message keys. */
public record DecisionProblems(Map<String, String> byField) {

    public static DecisionProblems none() {
        return new DecisionProblems(Map.of());
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }
}
