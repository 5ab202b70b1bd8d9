package io.flywheel.mlops.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.data.FeatureSchema;
import io.flywheel.shared.data.Table;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.testing.TestDatasets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTableReaderTest {

    private static Table read(byte[] bytes) {
        return CsvTableReader.read(new ByteArrayInputStream(bytes), Long.MAX_VALUE, ',', Map.of());
    }

    @Test
    void quotedCellsWithCommasQuotesAndLineBreaksAreOneCell() {
        Table table = read("name,note,y\n\"Smith, J\",\"said \"\"hi\"\"\nthen left\",1\nDoe,plain,0\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(table.categorical("name").value(0)).isEqualTo("Smith, J");
        assertThat(table.categorical("note").value(0)).isEqualTo("said \"hi\"\nthen left");
    }

    @Test
    void aByteOrderMarkIsSkippedAndAMultiByteCharacterAcrossTheReadBufferIsDecoded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes("city,y\n".getBytes(StandardCharsets.UTF_8));
        StringBuilder rows = new StringBuilder();
        while (rows.length() < 70_000) {
            rows.append("Zürich,1\nGenève,0\n");
        }
        out.writeBytes(rows.toString().getBytes(StandardCharsets.UTF_8));
        Table table = read(out.toByteArray());
        assertThat(table.columnNames()).containsExactly("city", "y");
        assertThat(table.categorical("city").categoryCounts()).containsOnlyKeys("Zürich", "Genève");
    }

    @Test
    void aBadByteFarIntoTheFileIsNamedByItsOffsetAndLine() {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(i).append(",1\n");
        }
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[good.length + 4];
        System.arraycopy(good, 0, bad, 0, good.length);
        bad[good.length] = '7';
        bad[good.length + 1] = ',';
        bad[good.length + 2] = (byte) 0xFF;
        bad[good.length + 3] = '\n';
        assertThatThrownBy(() -> read(bad)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("byte offset " + (good.length + 2) + " (line 20002) holds 0xFF");
    }

    @Test
    void anUploadOverItsLimitStopsAtTheLimit() {
        byte[] body = "x,y\n1,0\n2,1\n3,0\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CsvTableReader.read(new ByteArrayInputStream(body), 10, ',', Map.of()))
                .isInstanceOf(ProblemException.class).hasMessageContaining("larger than the limit of 10 bytes");
    }

    @Test
    void theCanonicalFormReadsBackIntoTheSameTableAndHash() {
        Table table = TestDatasets.lendingClub();
        FeatureSchema schema = FeatureSchema.infer(table, "Class", null);
        CanonicalSnapshot.Encoded encoded = CanonicalSnapshot.encode(table, schema);
        Table back = CanonicalSnapshot.decode(encoded.id(), encoded.schemaJson(), encoded.csvGzip(), schema);
        assertThat(CanonicalSnapshot.encode(back, schema).id()).isEqualTo(encoded.id());
        assertThat(back.numeric("int_rate").toArray()).isEqualTo(table.numeric("int_rate").toArray());
        assertThat(encoded.csvGzip().length).isLessThan((int) encoded.csvBytes() / 3);

        CanonicalSnapshot.Encoded other = CanonicalSnapshot.encode(table.select(new int[] {0, 1, 2, 3}), schema);
        assertThatThrownBy(() -> CanonicalSnapshot.decode(encoded.id(), encoded.schemaJson(), other.csvGzip(), schema))
                .hasMessageContaining("is corrupted");
    }
}
