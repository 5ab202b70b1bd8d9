package io.flywheel.shared.safety;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pseudonyms of one conversation: the same value always gets the same token ({@code <EMAIL_1>}, {@code <CARD_2>})
 * and each token maps back to the value it stands for. Values are compared in a normalised form (e-mail case,
 * separators in card numbers and IBANs), so "4111 1111 1111 1111" and "4111-1111-1111-1111" are one card.
 * Not thread-safe: one table belongs to one request.
 */
public final class PseudonymTable {

    /** What a pseudonym looks like in text. */
    public static final Pattern TOKEN = Pattern.compile("<([A-Z]+)_(\\d+)>");

    private final Map<String, String> tokenByValue = new HashMap<>();
    private final Map<String, String> valueByToken = new LinkedHashMap<>();
    private final Map<PiiType, Integer> counters = new EnumMap<>(PiiType.class);

    /** An empty table, for a new conversation. */
    public PseudonymTable() {
    }

    /** A table holding the given token → value entries, e.g. read back from the vault. */
    public static PseudonymTable of(Map<String, String> valueByToken) {
        PseudonymTable table = new PseudonymTable();
        valueByToken.forEach((token, value) -> {
            table.valueByToken.put(token, value);
            Matcher matcher = TOKEN.matcher(token);
            if (matcher.matches()) {
                for (PiiType type : PiiType.values()) {
                    if (type.label().equals(matcher.group(1))) {
                        table.tokenByValue.put(key(type, value), token);
                        table.counters.merge(type, Integer.parseInt(matcher.group(2)), Math::max);
                    }
                }
            }
        });
        return table;
    }

    /** The token standing for this value, created on first sight. */
    public String tokenFor(PiiType type, String value) {
        return tokenByValue.computeIfAbsent(key(type, value), ignored -> {
            int number = counters.merge(type, 1, Integer::sum);
            String token = "<" + type.label() + "_" + number + ">";
            valueByToken.put(token, value);
            return token;
        });
    }

    /** Token → original value, in order of first appearance. */
    public Map<String, String> entries() {
        return Collections.unmodifiableMap(valueByToken);
    }

    public boolean isEmpty() {
        return valueByToken.isEmpty();
    }

    /** Whether this value (in any spelling that normalises the same) has a token already. */
    public boolean knows(PiiType type, String value) {
        return tokenByValue.containsKey(key(type, value));
    }

    /** The text with every known token replaced by the value it stands for; unknown tokens are left as they are. */
    public String restore(String text) {
        Matcher matcher = TOKEN.matcher(text);
        StringBuilder restored = new StringBuilder(text.length());
        while (matcher.find()) {
            String value = valueByToken.get(matcher.group());
            matcher.appendReplacement(restored, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(restored);
        return restored.toString();
    }

    static String key(PiiType type, String value) {
        String normalised = switch (type) {
            case CARD, PHONE, US_SSN -> PiiDetector.digitsOf(value);
            case IBAN, FR_INSEE, UK_NINO -> value.replace(" ", "").toUpperCase(Locale.ROOT);
            case EMAIL, NAME -> value.trim().toLowerCase(Locale.ROOT);
        };
        return type.name() + ':' + normalised;
    }
}
