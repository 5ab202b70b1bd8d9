package io.flywheel.mlops.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The corpus shipped inside mlops-app: the Python FAQ (PSF licence, {@code corpus/python-faq/README.md}), listed in
 * {@code documents.txt}. It seeds the knowledge base and the golden set of a fresh platform.
 */
public final class KnowledgeCorpus {

    private static final String FOLDER = "corpus/python-faq/";

    private KnowledgeCorpus() {
    }

    /** The names of the shipped documents, in the order of {@code documents.txt}. */
    public static List<String> names() {
        return read("documents.txt").lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** Every shipped document, name → text. */
    public static Map<String, String> documents() {
        Map<String, String> documents = new LinkedHashMap<>();
        names().forEach(name -> documents.put(name, read(name)));
        return documents;
    }

    /** The text of one shipped file. */
    public static String read(String name) {
        try (InputStream in = KnowledgeCorpus.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("the shipped corpus has no " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the shipped corpus failed", e);
        }
    }
}
