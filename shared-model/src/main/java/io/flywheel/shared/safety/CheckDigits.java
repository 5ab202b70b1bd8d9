package io.flywheel.shared.safety;

import java.math.BigInteger;

/**
 * The check-digit algorithms that turn "looks like a number of that kind" into "is one": they remove most false
 * positives of the patterns (order numbers, timestamps) at the cost of a few microseconds.
 */
public final class CheckDigits {

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);
    private static final int IBAN_MIN_LENGTH = 15;
    private static final int IBAN_MAX_LENGTH = 34;

    private CheckDigits() {
    }

    /** The Luhn (mod 10) check of payment card numbers; {@code digits} holds only digits. */
    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return digits.length() > 0 && sum % 10 == 0;
    }

    /**
     * The ISO 13616 IBAN check: the first four characters moved to the end, letters as numbers (A=10 … Z=35), the
     * whole number mod 97 must be 1. {@code iban} has no spaces and upper-case letters.
     */
    public static boolean ibanMod97(CharSequence iban) {
        if (iban.length() < IBAN_MIN_LENGTH || iban.length() > IBAN_MAX_LENGTH) {
            return false;
        }
        int remainder = 0;
        for (int i = 0; i < iban.length(); i++) {
            char c = iban.charAt((i + 4) % iban.length());
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    /**
     * The French NIR key: 97 minus the 13-digit number mod 97, where Corsican departments 2A and 2B count as 19 and
     * 18. {@code nir} is the 13 characters without spaces, {@code key} the two last digits.
     */
    public static boolean inseeKey(String nir, int key) {
        String numeric = nir.replace("2A", "19").replace("2B", "18");
        if (numeric.length() != 13 || !numeric.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return 97 - new BigInteger(numeric).mod(NINETY_SEVEN).intValue() == key;
    }
}
