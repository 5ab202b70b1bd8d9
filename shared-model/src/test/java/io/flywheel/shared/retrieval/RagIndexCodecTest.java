package io.flywheel.shared.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RagIndexCodecTest {

    private static final int DIMENSION = 8;

    @Test
    void writesTheSameBytesEveryTimeAndReadsBackTheSameIndex() {
        RagIndex index = sample();

        byte[] bytes = RagIndexCodec.write(index);
        RagIndex read = RagIndexCodec.read(bytes);

        assertThat(RagIndexCodec.write(read)).isEqualTo(bytes);
        assertThat(RagIndexCodec.write(sample())).isEqualTo(bytes);
        assertThat(read.embeddingModel()).isEqualTo("test-model");
        assertThat(read.dimension()).isEqualTo(DIMENSION);
        assertThat(read.chunking()).isEqualTo(new ChunkingParams(30, 5));
        assertThat(read.documents()).isEqualTo(index.documents());
        assertThat(read.chunks()).isEqualTo(index.chunks());
        assertThat(read.vectors().row(1)).containsExactly(index.vectors().row(1));
    }

    @Test
    void startsWithItsMagicAndStoresFloatsLittleEndian() {
        byte[] bytes = RagIndexCodec.write(sample());

        assertThat(new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("FWRAGIDX");
        assertThat(bytes[8]).isEqualTo((byte) 1);
        int floats = 2 * DIMENSION * Float.BYTES;
        float first = java.nio.ByteBuffer.wrap(bytes, bytes.length - floats, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(first).isEqualTo(sample().vectors().row(0)[0]);
    }

    @Test
    void truncatedOrForeignBytesAreRefusedWithAReason() {
        byte[] bytes = RagIndexCodec.write(sample());

        assertThatThrownBy(() -> RagIndexCodec.read(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embedding values");
        assertThatThrownBy(() -> RagIndexCodec.read(Arrays.copyOf(bytes, 40)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RagIndexCodec.read("{\"not\":\"an index\"}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magic");
        assertThatThrownBy(() -> RagIndexCodec.read(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownFormatVersionIsRefused() {
        byte[] bytes = RagIndexCodec.write(sample());
        bytes[8] = 9;

        assertThatThrownBy(() -> RagIndexCodec.read(bytes)).hasMessageContaining("format version 9");
    }

    @Test
    void corruptCountsDoNotTurnIntoHugeAllocations() {
        byte[] bytes = RagIndexCodec.write(sample());
        // the first string's length field follows magic and version
        bytes[12] = (byte) 0xff;
        bytes[13] = (byte) 0xff;
        bytes[14] = (byte) 0xff;
        bytes[15] = (byte) 0x7f;

        assertThatThrownBy(() -> RagIndexCodec.read(bytes)).hasMessageContaining("corrupt");
    }

    static RagIndex sample() {
        String text = "Is there a debugger? Yes, pdb. — ünïcödé";
        List<Chunk> chunks = List.of(
                new Chunk("faq.rst", "faq.rst#0", "Is there a debugger?", 0, 20, text.substring(0, 20)),
                new Chunk("faq.rst", "faq.rst#1", "Is there a debugger?", 21, text.length(), text.substring(21)));
        Random random = new Random(3);
        float[] vectors = new float[2 * DIMENSION];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = (float) random.nextGaussian();
        }
        return new RagIndex("test-model", new ChunkingParams(30, 5),
                List.of(new SourceDocument("faq.rst", "ab".repeat(32), text.length())), chunks,
                VectorIndex.normalising(vectors, DIMENSION));
    }
}
