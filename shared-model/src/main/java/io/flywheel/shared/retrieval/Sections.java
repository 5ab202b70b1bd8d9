package io.flywheel.shared.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the headings of a reStructuredText or Markdown document and cuts it into sections, each running from its
 * heading to the next one. Recognised headings: reStructuredText titles (a line underlined — and optionally
 * overlined — with one repeated punctuation character at least as long as the title; this is also Markdown's setext
 * form) and Markdown ATX headings ({@code # Title}, outside fenced code blocks).
 */
public final class Sections {

    private static final Pattern ADORNMENT = Pattern.compile("([=\\-~^\"'`#*+:.!$%&,;/<>?@\\\\|_])\\1{2,}\\s*");
    private static final Pattern ATX = Pattern.compile("#{1,6}\\s+(.*?)\\s*#*\\s*");
    private static final Pattern FENCE = Pattern.compile("\\s{0,3}(```|~~~).*");

    private Sections() {
    }

    /**
     * A section of a document.
     *
     * @param heading   the title ("" for text before the first heading)
     * @param start     offset of the section's first character (its heading, or overline)
     * @param bodyStart offset after the heading's lines
     * @param end       offset after its last character
     */
    public record Section(String heading, int start, int bodyStart, int end) {
    }

    /** The sections of a document, in order; text before the first heading is a section with an empty heading. */
    public static List<Section> of(String text) {
        List<int[]> lines = lines(text);
        List<Section> sections = new ArrayList<>();
        String heading = "";
        int sectionStart = 0;
        int bodyStart = 0;
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = line(text, lines.get(i));
            if (FENCE.matcher(line).matches()) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String title = null;
            int headingStart = lines.get(i)[0];
            int headingEnd;
            if (ATX.matcher(line).matches()) {
                var atx = ATX.matcher(line);
                atx.matches();
                title = atx.group(1);
                headingEnd = lines.get(i)[1];
            } else if (i + 1 < lines.size() && underlined(line, line(text, lines.get(i + 1)))) {
                title = line.trim();
                headingEnd = lines.get(i + 1)[1];
                if (i > 0 && ADORNMENT.matcher(line(text, lines.get(i - 1))).matches()) {
                    headingStart = lines.get(i - 1)[0];
                }
                i++;
            } else {
                continue;
            }
            if (headingStart > sectionStart) {
                sections.add(new Section(heading, sectionStart, bodyStart, headingStart));
            }
            heading = title;
            sectionStart = headingStart;
            bodyStart = Math.min(text.length(), headingEnd);
        }
        if (sectionStart < text.length()) {
            sections.add(new Section(heading, sectionStart, bodyStart, text.length()));
        }
        return sections;
    }

    /** Whether the line is a heading's under- or overline: one punctuation character repeated. */
    public static boolean isAdornment(String line) {
        return ADORNMENT.matcher(line).matches();
    }

    private static boolean underlined(String line, String next) {
        String title = line.trim();
        return !title.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !ADORNMENT.matcher(line).matches()
                && ADORNMENT.matcher(next).matches() && next.trim().length() >= title.length();
    }

    /** [start, end) of each line, end excluding the line break; the last ends at the text's end. */
    private static List<int[]> lines(String text) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(new int[] {start, end});
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(new int[] {start, text.length()});
        }
        return lines;
    }

    private static String line(String text, int[] span) {
        return text.substring(span[0], span[1]);
    }
}
