package io.flywheel.shared.retrieval;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rag-index} artifact: a small binary container, little-endian throughout, written the same way every time
 * so that equal indexes have equal bytes and equal sha256 (docs/rag-index.md has the layout). Binary rather than JSON
 * because the embeddings dominate the size (4 bytes per float instead of ~12 as decimal text, or 5.3 as base64) and
 * load with one bulk copy into the contiguous array the search scans.
 */
public final class RagIndexCodec {

    /** The first eight bytes of every artifact. */
    static final byte[] MAGIC = "FWRAGIDX".getBytes(StandardCharsets.US_ASCII);
    /** The layout version; a reader refuses versions it does not know. */
    static final int FORMAT_VERSION = 1;
    private static final int MAX_STRING_BYTES = 16 * 1024 * 1024;

    private RagIndexCodec() {
    }

    /** The artifact bytes of an index. */
    public static byte[] write(RagIndex index) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(
                index.chunks().size() * (index.dimension() * Float.BYTES + 1024) + 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            LittleEndian writer = new LittleEndian(out);
            out.write(MAGIC);
            writer.writeInt(FORMAT_VERSION);
            writer.writeString(index.embeddingModel());
            writer.writeInt(index.dimension());
            writer.writeInt(index.chunking().maxChars());
            writer.writeInt(index.chunking().overlapChars());
            writer.writeInt(index.documents().size());
            for (SourceDocument document : index.documents()) {
                writer.writeString(document.name());
                writer.writeString(document.sha256());
                writer.writeInt(document.chars());
            }
            writer.writeInt(index.chunks().size());
            for (Chunk chunk : index.chunks()) {
                writer.writeString(chunk.document());
                writer.writeString(chunk.id());
                writer.writeString(chunk.section());
                writer.writeInt(chunk.start());
                writer.writeString(chunk.text());
            }
            ByteBuffer floats = ByteBuffer.allocate(index.chunks().size() * index.dimension() * Float.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            floats.asFloatBuffer().put(index.vectors().values());
            out.write(floats.array());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads artifact bytes into a searchable index.
     *
     * @throws IllegalArgumentException when the bytes are not a complete, well-formed artifact of a known version
     */
    public static RagIndex read(byte[] artifact) {
        ByteBuffer in = ByteBuffer.wrap(artifact).order(ByteOrder.LITTLE_ENDIAN);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a rag-index artifact (wrong magic bytes)");
            }
            int version = in.getInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("rag-index format version " + version + " is not supported");
            }
            String model = readString(in);
            int dimension = positive(in.getInt(), "dimension");
            ChunkingParams chunking = new ChunkingParams(in.getInt(), in.getInt());
            int documentCount = count(in.getInt(), in, "documents");
            List<SourceDocument> documents = new ArrayList<>(documentCount);
            for (int i = 0; i < documentCount; i++) {
                documents.add(new SourceDocument(readString(in), readString(in), in.getInt()));
            }
            int chunkCount = count(in.getInt(), in, "passages");
            List<Chunk> chunks = new ArrayList<>(chunkCount);
            for (int i = 0; i < chunkCount; i++) {
                String document = readString(in);
                String id = readString(in);
                String section = readString(in);
                int start = in.getInt();
                String text = readString(in);
                chunks.add(new Chunk(document, id, section, start, start + text.length(), text));
            }
            long floatCount = (long) chunkCount * dimension;
            if (in.remaining() != floatCount * Float.BYTES) {
                throw new IllegalArgumentException("expected " + floatCount + " embedding values ("
                        + floatCount * Float.BYTES + " bytes) after the passages, found " + in.remaining() + " bytes");
            }
            float[] vectors = new float[(int) floatCount];
            in.asFloatBuffer().get(vectors);
            return new RagIndex(model, chunking, documents, chunks, VectorIndex.ofUnitRows(vectors, dimension));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the rag-index artifact is truncated", e);
        }
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > MAX_STRING_BYTES || length > in.remaining()) {
            throw new IllegalArgumentException("the rag-index artifact is corrupt (a string of " + length + " bytes)");
        }
        ByteBuffer slice = in.slice().limit(length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the rag-index artifact holds text that is not UTF-8", e);
        }
    }

    private static int positive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException("the rag-index artifact has a " + what + " of " + value);
        }
        return value;
    }

    // Each entry takes at least a few bytes, so a count larger than what is left is corruption, caught before
    // it becomes a huge allocation.
    private static int count(int value, ByteBuffer in, String what) {
        if (value < 0 || value > in.remaining()) {
            throw new IllegalArgumentException("the rag-index artifact is corrupt (" + value + " " + what + ")");
        }
        return value;
    }

    /** DataOutputStream is big-endian; the container is little-endian like the float block. */
    private record LittleEndian(DataOutputStream out) {

        void writeInt(int value) throws IOException {
            out.writeInt(Integer.reverseBytes(value));
        }

        void writeString(String value) throws IOException {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            writeInt(utf8.length);
            out.write(utf8);
        }
    }
}
