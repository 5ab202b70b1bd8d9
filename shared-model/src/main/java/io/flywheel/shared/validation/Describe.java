package io.flywheel.shared.validation;

import java.util.Locale;

/** The wording of counts, rates and limits in rule messages: "2,957 of 9,857 values (30.0%)". */
final class Describe {

    private Describe() {
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%,d", (long) value) : String.format(Locale.ROOT, "%,.6g", value);
    }

    static String share(long count, long total, String what) {
        return count(count) + " of " + count(total) + " " + what + " (" + percent(rate(count, total)) + ")";
    }

    static double rate(long count, long total) {
        return total == 0 ? 0 : (double) count / total;
    }
}
