package io.flywheel.mlops.data;

import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 as it streams and refuses the first byte that is not UTF-8, naming its byte offset and line — what
 * {@link java.io.InputStreamReader} cannot say (it replaces bad bytes silently, or fails without a position). A
 * leading byte-order mark is skipped.
 */
final class StrictUtf8Reader extends Reader {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES);
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_BYTES);
    /** Absolute offset in the upload of {@code bytes.array()[0]}. */
    private long base;
    /** Line of the first character in {@link #chars}. */
    private long line = 1;
    private boolean started;
    private boolean ended;

    StrictUtf8Reader(InputStream in) {
        this.in = in;
        bytes.flip();
        chars.flip();
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        while (!chars.hasRemaining()) {
            if (ended) {
                return -1;
            }
            fill();
        }
        int count = Math.min(length, chars.remaining());
        chars.get(target, offset, count);
        return count;
    }

    private void fill() throws IOException {
        line += newlines(0, chars.limit());
        base += bytes.position();
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        bytes.position(bytes.position() + Math.max(read, 0));
        bytes.flip();
        boolean endOfInput = read < 0;
        if (!started && (bytes.remaining() >= BYTE_ORDER_MARK.length || endOfInput)) {
            started = true;
            skipByteOrderMark();
        }
        chars.clear();
        CoderResult result = decoder.decode(bytes, chars, endOfInput);
        if (result.isError()) {
            throw notUtf8(result.length());
        }
        if (endOfInput) {
            decoder.flush(chars);
            ended = true;
        }
        chars.flip();
    }

    private void skipByteOrderMark() {
        if (bytes.remaining() < BYTE_ORDER_MARK.length) {
            return;
        }
        for (int i = 0; i < BYTE_ORDER_MARK.length; i++) {
            if (bytes.get(i) != BYTE_ORDER_MARK[i]) {
                return;
            }
        }
        bytes.position(BYTE_ORDER_MARK.length);
    }

    private long newlines(int from, int to) {
        long count = 0;
        for (int i = from; i < to; i++) {
            count += chars.get(i) == '\n' ? 1 : 0;
        }
        return count;
    }

    private ProblemException notUtf8(int length) {
        int at = bytes.position();
        StringBuilder shown = new StringBuilder();
        for (int i = at; i < Math.min(at + length, bytes.limit()); i++) {
            shown.append(String.format(" 0x%02X", bytes.get(i) & 0xFF));
        }
        long badLine = line + newlines(0, chars.position());
        return new ProblemException(ProblemType.INVALID_DATASET, "the upload is not UTF-8: byte offset " + (base + at)
                + " (line " + badLine + ") holds" + shown + ", which is not valid UTF-8; save the file as UTF-8");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
