package io.flywheel.shared.safety;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds personal data in free text: e-mail addresses, phone numbers (international {@code +CC …} and national
 * formats), IBANs (mod-97 checked), payment card numbers (13–19 digits with optional separators, Luhn checked), US
 * SSNs, French NIRs (key checked), UK National Insurance numbers, and names from a configured list. Overlapping
 * candidates are resolved in favour of the more certain one (a Luhn-valid card beats a phone-shaped digit run).
 * Immutable and thread-safe. The rule set is documented in {@code docs/assistant-safety.md}.
 */
public final class PiiDetector {

    static final double EMAIL_CONFIDENCE = 0.99;
    static final double IBAN_CONFIDENCE = 0.99;
    static final double CARD_CONFIDENCE = 0.95;
    static final double INSEE_CONFIDENCE = 0.95;
    static final double SSN_CONFIDENCE = 0.85;
    static final double NINO_CONFIDENCE = 0.85;
    static final double INTERNATIONAL_PHONE_CONFIDENCE = 0.85;
    static final double NATIONAL_PHONE_CONFIDENCE = 0.75;
    static final double NAME_CONFIDENCE = 0.6;

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])");
    private static final Pattern US_SSN = Pattern.compile(
            "(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])");
    private static final Pattern FR_INSEE = Pattern.compile(
            "(?<![\\dA-Za-z])([12] ?\\d{2} ?\\d{2} ?(?:\\d{2}|2[AB]) ?\\d{3} ?\\d{3}) ?(\\d{2})(?![\\dA-Za-z])");
    private static final Pattern UK_NINO = Pattern.compile(
            "(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]"
                    + "(?![A-Za-z0-9])");
    private static final Pattern INTERNATIONAL_PHONE = Pattern.compile(
            "(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,6}(?!\\d)");
    private static final Pattern NATIONAL_PHONE = Pattern.compile(
            "(?<![\\d+-])0\\d{1,4}(?:[ .-]?\\d{2,4}){2,4}(?![\\d-])");
    private static final Pattern NORTH_AMERICAN_PHONE = Pattern.compile(
            "(?<![\\d-])(?:\\(\\d{3}\\) ?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?![\\d-])");

    private static final int CARD_MIN_DIGITS = 13;
    private static final int CARD_MAX_DIGITS = 19;
    private static final int PHONE_MIN_DIGITS = 8;
    private static final int PHONE_MAX_DIGITS = 15;
    private static final int NATIONAL_PHONE_MIN_DIGITS = 10;
    private static final int NATIONAL_PHONE_MAX_DIGITS = 11;

    private final Pattern names;

    private PiiDetector(Pattern names) {
        this.names = names;
    }

    /** A detector without a name list. */
    public static PiiDetector standard() {
        return new PiiDetector(null);
    }

    /** A detector that also finds the given names (whole words, case-insensitive). */
    public static PiiDetector withNames(Collection<String> names) {
        List<String> usable = names.stream().map(String::trim).filter(name -> !name.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        if (usable.isEmpty()) {
            return standard();
        }
        String alternatives = usable.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        return new PiiDetector(Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** The personal data in the text, without overlaps, in order of position. */
    public List<PiiFinding> detect(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<PiiFinding> candidates = new ArrayList<>();
        matches(EMAIL, text, PiiType.EMAIL, EMAIL_CONFIDENCE, candidates);
        ibans(text, candidates);
        cards(text, candidates);
        matches(US_SSN, text, PiiType.US_SSN, SSN_CONFIDENCE, candidates);
        insee(text, candidates);
        matches(UK_NINO, text, PiiType.UK_NINO, NINO_CONFIDENCE, candidates);
        phones(INTERNATIONAL_PHONE, text, PHONE_MIN_DIGITS, PHONE_MAX_DIGITS, INTERNATIONAL_PHONE_CONFIDENCE, candidates);
        phones(NATIONAL_PHONE, text, NATIONAL_PHONE_MIN_DIGITS, NATIONAL_PHONE_MAX_DIGITS, NATIONAL_PHONE_CONFIDENCE,
                candidates);
        phones(NORTH_AMERICAN_PHONE, text, NATIONAL_PHONE_MIN_DIGITS, NATIONAL_PHONE_MIN_DIGITS,
                NATIONAL_PHONE_CONFIDENCE, candidates);
        if (names != null) {
            matches(names, text, PiiType.NAME, NAME_CONFIDENCE, candidates);
        }
        return withoutOverlaps(candidates);
    }

    /** Whether the text holds any personal data. */
    public boolean contains(String text) {
        return !detect(text).isEmpty();
    }

    private static void matches(Pattern pattern, String text, PiiType type, double confidence, List<PiiFinding> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(new PiiFinding(type, matcher.start(), matcher.end(), confidence));
        }
    }

    private static void ibans(String text, List<PiiFinding> into) {
        Matcher matcher = IBAN.matcher(text);
        while (matcher.find()) {
            // the pattern may swallow a trailing group of the next word: shorten until the checksum holds
            String candidate = matcher.group();
            for (int end = candidate.length(); end >= 4; end = candidate.lastIndexOf(' ', end - 1)) {
                String compact = candidate.substring(0, end).replace(" ", "").toUpperCase(Locale.ROOT);
                if (CheckDigits.ibanMod97(compact)) {
                    into.add(new PiiFinding(PiiType.IBAN, matcher.start(), matcher.start() + end, IBAN_CONFIDENCE));
                    break;
                }
            }
        }
    }

    private static void cards(String text, List<PiiFinding> into) {
        Matcher matcher = CARD.matcher(text);
        while (matcher.find()) {
            String digits = digitsOf(matcher.group());
            if (digits.length() >= CARD_MIN_DIGITS && digits.length() <= CARD_MAX_DIGITS && CheckDigits.luhn(digits)) {
                into.add(new PiiFinding(PiiType.CARD, matcher.start(), matcher.end(), CARD_CONFIDENCE));
            }
        }
    }

    private static void insee(String text, List<PiiFinding> into) {
        Matcher matcher = FR_INSEE.matcher(text);
        while (matcher.find()) {
            String number = matcher.group(1).replace(" ", "");
            if (CheckDigits.inseeKey(number, Integer.parseInt(matcher.group(2)))) {
                into.add(new PiiFinding(PiiType.FR_INSEE, matcher.start(), matcher.end(), INSEE_CONFIDENCE));
            }
        }
    }

    private static void phones(Pattern pattern, String text, int minDigits, int maxDigits, double confidence,
                               List<PiiFinding> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            int digits = digitsOf(matcher.group()).length();
            if (digits >= minDigits && digits <= maxDigits) {
                into.add(new PiiFinding(PiiType.PHONE, matcher.start(), matcher.end(), confidence));
            }
        }
    }

    static String digitsOf(String value) {
        StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static List<PiiFinding> withoutOverlaps(List<PiiFinding> candidates) {
        candidates.sort(Comparator.comparingDouble(PiiFinding::confidence).reversed()
                .thenComparing(Comparator.comparingInt(PiiFinding::length).reversed()));
        List<PiiFinding> kept = new ArrayList<>(candidates.size());
        for (PiiFinding candidate : candidates) {
            if (kept.stream().noneMatch(candidate::overlaps)) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(PiiFinding::start));
        return List.copyOf(kept);
    }
}
