package io.flywheel.inference.assistant;

import io.flywheel.inference.retrieval.QueryEmbedder;
import io.flywheel.inference.retrieval.RagIndexLoader;
import io.flywheel.shared.retrieval.Chunk;
import io.flywheel.shared.retrieval.ChunkingParams;
import io.flywheel.shared.retrieval.RagIndex;
import io.flywheel.shared.retrieval.RagIndexCodec;
import io.flywheel.shared.retrieval.SourceDocument;
import io.flywheel.shared.retrieval.VectorIndex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A small real rag-index (one passage per FAQ entry, embedded by the pod's model), served through the loader. */
final class TestIndex {

    /** Passages from the Python FAQ (PSF licence), one per document. */
    static final Map<String, String> FAQ = Map.of(
            "library.rst", "The pdb module is a simple but adequate console-mode debugger for Python. It is part of "
                    + "the standard Python library.",
            "programming.rst", "Use the sorted() built-in function to get a new sorted list. The list.sort() method "
                    + "sorts a list in place and returns None.",
            "design.rst", "Tuples are immutable, lists are mutable. Only immutable elements can be used as "
                    + "dictionary keys, so only tuples and not lists can be used as keys.",
            "windows.rst", "To run a Python script on Windows, type py followed by the script name at the command "
                    + "prompt.");

    private TestIndex() {
    }

    static void serve(RagIndexLoader loader, QueryEmbedder embedder) {
        List<Chunk> chunks = new ArrayList<>();
        List<SourceDocument> documents = new ArrayList<>();
        int dimension = embedder.id().dimension();
        float[] vectors = new float[FAQ.size() * dimension];
        int i = 0;
        for (var entry : FAQ.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            String text = entry.getValue();
            documents.add(new SourceDocument(entry.getKey(), sha256(text.getBytes(StandardCharsets.UTF_8)),
                    text.length()));
            chunks.add(new Chunk(entry.getKey(), entry.getKey() + "#0", "", 0, text.length(), text));
            System.arraycopy(embedder.embed(text), 0, vectors, i * dimension, dimension);
            i++;
        }
        byte[] artifact = RagIndexCodec.write(new RagIndex(embedder.id().id(), ChunkingParams.DEFAULT, documents,
                chunks, VectorIndex.normalising(vectors, dimension)));
        loader.deploy(loader.load("python-faq", 3, artifact, sha256(artifact)));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
