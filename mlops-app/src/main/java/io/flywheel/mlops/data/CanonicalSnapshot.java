package io.flywheel.mlops.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flywheel.shared.data.CategoricalColumn;
import io.flywheel.shared.data.Cells;
import io.flywheel.shared.data.Column;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.NumericColumn;
import io.flywheel.shared.data.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The canonical form of a snapshot, which its id is the sha256 of: the schema as compact JSON, a newline, then the
 * rows as CSV — features in schema order then the label, comma-separated, {@code \n} line ends, cells trimmed,
 * missing values empty, numbers in their shortest round-tripping form, quotes only where RFC 4180 needs them. So the
 * same data and schema give the same id whatever the upload's quoting, line ends, spacing or missing-value spelling.
 * The CSV part is stored gzip-compressed; reading it back checks the hash.
 */
final class CanonicalSnapshot {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static final byte NEWLINE = '\n';

    private CanonicalSnapshot() {
    }

    /**
     * A snapshot in canonical form.
     *
     * @param id         lower-case hex sha256 of the canonical content
     * @param schemaJson the canonical schema
     * @param csvGzip    the canonical CSV, gzip-compressed
     * @param csvBytes   the canonical CSV's size before compression
     */
    record Encoded(String id, String schemaJson, byte[] csvGzip, long csvBytes) {
    }

    /** The canonical form of a table holding exactly the schema's features and label. */
    static Encoded encode(Table table, FeatureSchema schema) {
        String schemaJson = schemaJson(schema);
        MessageDigest digest = sha256();
        digest.update(schemaJson.getBytes(StandardCharsets.UTF_8));
        digest.update(NEWLINE);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        CountingStream counted;
        try (OutputStream out = counted = new CountingStream(
                new DigestOutputStream(new GZIPOutputStream(compressed), digest))) {
            writeCsv(ordered(table, schema), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Encoded(HexFormat.of().formatHex(digest.digest()), schemaJson, compressed.toByteArray(),
                counted.count);
    }

    /** Reads stored content back into a table, refusing it if it does not hash to its id. */
    static Table decode(String id, String schemaJson, byte[] csvGzip, FeatureSchema schema) {
        MessageDigest digest = sha256();
        digest.update(schemaJson.getBytes(StandardCharsets.UTF_8));
        digest.update(NEWLINE);
        Table table;
        try (InputStream in = new DigestInputStream(new GZIPInputStream(new ByteArrayInputStream(csvGzip)), digest)) {
            // the reader consumes the stream to its end (and closes it), so the digest covers every byte
            table = CsvTableReader.read(in, Long.MAX_VALUE, ',', declaredTypes(schema));
        } catch (IOException e) {
            throw new IllegalStateException("snapshot " + id + " cannot be decompressed", e);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(id)) {
            throw new IllegalStateException("snapshot " + id + " is corrupted: its content hashes to " + actual);
        }
        return table;
    }

    static String schemaJson(FeatureSchema schema) {
        try {
            return JSON.writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schema could not be written", e);
        }
    }

    static FeatureSchema schema(String json) {
        try {
            return JSON.readValue(json, FeatureSchema.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored schema could not be read", e);
        }
    }

    /** The types every column had: so that canonical text reads back into exactly the same columns. */
    private static Map<String, ColumnType> declaredTypes(FeatureSchema schema) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (Feature feature : schema.features()) {
            types.put(feature.name(), feature.type());
        }
        return types;
    }

    private static List<Column> ordered(Table table, FeatureSchema schema) {
        List<Column> columns = new ArrayList<>();
        for (Feature feature : schema.features()) {
            columns.add(table.column(feature.name()));
        }
        columns.add(table.column(schema.label()));
        return columns;
    }

    private static void writeCsv(List<Column> columns, OutputStream out) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            line.append(c == 0 ? "" : ",").append(quoted(columns.get(c).name()));
        }
        write(line, out);
        int rows = columns.get(0).size();
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    line.append(',');
                }
                line.append(cell(columns.get(c), row));
            }
            write(line, out);
        }
    }

    private static void write(StringBuilder line, OutputStream out) throws IOException {
        line.append('\n');
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        line.setLength(0);
    }

    private static String cell(Column column, int row) {
        if (column instanceof NumericColumn numeric) {
            double value = numeric.value(row);
            if (Double.isNaN(value)) {
                return "";
            }
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Cells.format(value)
                    : NumberOutput.toString(value, true);
        }
        String value = ((CategoricalColumn) column).value(row);
        return value == null ? "" : quoted(value);
    }

    private static String quoted(String text) {
        boolean needs = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return needs ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Counts what passes through: the canonical CSV's size before compression. */
    private static final class CountingStream extends java.io.FilterOutputStream {

        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }
}
