package fi.kivaq.dsr.rectification;

/**
 * What the register change found: {@code CONFLICT} when the data changed since staff decided (they decide again),
 * {@code GONE} when the contact was erased in the meantime (nothing is resurrected).
 */
public enum RegisterOutcome { APPLIED, CONFLICT, GONE }
