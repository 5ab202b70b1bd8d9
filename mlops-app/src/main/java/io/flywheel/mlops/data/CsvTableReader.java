package io.flywheel.mlops.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.data.TableBuilder;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV upload record by record into a {@link Table}, never holding the raw text: strict UTF-8, a size limit,
 * RFC 4180 quoting (Jackson's CSV parser). Every refusal says where: the byte offset of a non-UTF-8 byte, the line
 * of a ragged row, the delimiter the file seems to use instead.
 */
final class CsvTableReader {

    private static final CsvFactory CSV = new CsvFactory();
    /** Characters that, alone in a one-column header, betray another delimiter. */
    private static final String LIKELY_DELIMITERS = ",;\t|";

    private CsvTableReader() {
    }

    /**
     * The table of an upload.
     *
     * @param body      the raw upload
     * @param maxBytes  the size limit (413 beyond, the stream is not read further)
     * @param delimiter the cell separator
     * @param types     column types to impose (others are inferred)
     */
    static Table read(InputStream body, long maxBytes, char delimiter, Map<String, ColumnType> types) {
        try (Reader reader = new StrictUtf8Reader(new UploadLimit(body, maxBytes));
             CsvParser parser = CSV.createParser(reader)) {
            parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            Record header = nextRecord(parser);
            if (header == null) {
                throw invalid("the upload is empty; send a CSV file with a header line and data rows");
            }
            checkDelimiter(header.cells(), delimiter);
            TableBuilder builder = Table.builder(header.cells());
            for (Record row = nextRecord(parser); row != null; row = nextRecord(parser)) {
                if (row.cells().size() != header.cells().size()) {
                    throw invalid("line " + row.line() + " has " + row.cells().size() + " cells but the header names "
                            + header.cells().size() + " columns");
                }
                builder.addRow(row.cells().toArray(String[]::new));
            }
            if (builder.rowCount() == 0) {
                throw invalid("the upload has a header but no data rows");
            }
            return builder.build(types);
        } catch (JsonProcessingException e) {
            throw invalid("the upload is not valid CSV at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("the upload could not be read: " + e.getMessage());
        }
    }

    /** The next record and the line it starts on, or {@code null} at the end. */
    private static Record nextRecord(CsvParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return null;
        }
        long line = -1;
        List<String> cells = new ArrayList<>();
        for (token = parser.nextToken(); token != JsonToken.END_ARRAY && token != null; token = parser.nextToken()) {
            if (line < 0) {
                // the first cell's position: the row's own START_ARRAY sits where the previous line ended
                line = parser.currentTokenLocation().getLineNr();
            }
            cells.add(parser.getText());
        }
        return new Record(cells, line);
    }

    /** One CSV record: its cells and the line it starts on (1-based). */
    private record Record(List<String> cells, long line) {
    }

    private static void checkDelimiter(List<String> header, char delimiter) {
        if (header.size() != 1) {
            return;
        }
        for (char candidate : LIKELY_DELIMITERS.toCharArray()) {
            if (candidate != delimiter && header.get(0).indexOf(candidate) >= 0) {
                throw invalid("the header is a single column `" + abbreviate(header.get(0)) + "`: the file seems to be "
                        + "separated by " + describe(candidate) + ", not " + describe(delimiter)
                        + "; send comma-separated values or say ?delimiter=" + describe(candidate));
            }
        }
    }

    static String describe(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }

    private static String abbreviate(String text) {
        int max = 60;
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_DATASET, detail);
    }
}
