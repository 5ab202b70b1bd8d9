package io.flywheel.shared.safety;

/** The kinds of personal data the detector finds; {@link #label()} names the pseudonym, as in {@code <EMAIL_1>}. */
public enum PiiType {
    EMAIL("EMAIL"),
    PHONE("PHONE"),
    IBAN("IBAN"),
    CARD("CARD"),
    /** United States Social Security number, {@code AAA-GG-SSSS}. */
    US_SSN("SSN"),
    /** French social security number (NIR / INSEE), 13 digits and a 2-digit key checked mod 97. */
    FR_INSEE("INSEE"),
    /** United Kingdom National Insurance number, {@code AB 12 34 56 C}. */
    UK_NINO("NINO"),
    /** A person's name from the configured list. */
    NAME("NAME");

    private final String label;

    PiiType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
