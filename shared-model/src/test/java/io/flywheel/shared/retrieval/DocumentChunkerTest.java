package io.flywheel.shared.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentChunkerTest {

    private static final String FAQ = """
            :tocdepth: 2

            ===============
            Programming FAQ
            ===============

            General Questions
            =================

            Is there a debugger?
            --------------------

            Yes. The pdb module is a simple but adequate console-mode debugger.

            How do I make a binary?
            -----------------------

            Use freeze. It converts byte code to C arrays.
            """;

    private final DocumentChunker chunker = new DocumentChunker(new ChunkingParams(800, 100));

    @Test
    void splitsOnRestructuredTextHeadingsAndNeverMixesTwoQuestions() {
        List<Chunk> chunks = chunker.chunk("programming.rst", FAQ);

        assertThat(chunks).extracting(Chunk::section)
                .containsExactly("", "Is there a debugger?", "How do I make a binary?");
        assertThat(chunks.get(1).text()).startsWith("Is there a debugger?\n----").endsWith("debugger.");
        assertThat(chunks.get(2).text()).doesNotContain("pdb");
    }

    @Test
    void headingsWithoutTextOfTheirOwnMakeNoPassage() {
        assertThat(chunker.chunk("programming.rst", FAQ)).extracting(Chunk::section)
                .doesNotContain("Programming FAQ", "General Questions");
    }

    @Test
    void everyPassageIsTheExactSliceItsOffsetsName() {
        for (Chunk chunk : new DocumentChunker(new ChunkingParams(30, 10)).chunk("programming.rst", FAQ)) {
            assertThat(FAQ.substring(chunk.start(), chunk.end())).isEqualTo(chunk.text());
            assertThat(chunk.text()).isNotBlank().doesNotStartWith(" ").doesNotEndWith("\n");
        }
    }

    @Test
    void cutsLongSectionsOnSentencesWithinTheSizeAndOverlapsThem() {
        String text = "# Title\n\n" + "This is sentence number one. ".repeat(40);
        List<Chunk> chunks = new DocumentChunker(new ChunkingParams(200, 60)).chunk("long.md", text);

        assertThat(chunks).hasSizeGreaterThan(5);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            assertThat(chunk.text().length()).isLessThanOrEqualTo(200);
            assertThat(chunk.text()).matches("(?s)(# Title\\s+)?This.*\\.");
            if (i > 0) {
                assertThat(chunk.start()).isLessThan(chunks.get(i - 1).end()).isGreaterThan(chunks.get(i - 1).start());
            }
        }
        assertThat(chunks).extracting(Chunk::id).startsWith("long.md#0", "long.md#1");
    }

    @Test
    void withoutOverlapPassagesDoNotShareText() {
        String text = "One sentence here. Another sentence there. A third one follows. And a fourth.";
        List<Chunk> chunks = new DocumentChunker(new ChunkingParams(40, 0)).chunk("plain.txt", text);

        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).start()).isGreaterThanOrEqualTo(chunks.get(i - 1).end());
        }
        assertThat(String.join(" ", chunks.stream().map(Chunk::text).toList())).isEqualTo(text);
    }

    @Test
    void aWordLongerThanTheSizeIsCutHard() {
        String text = "x".repeat(45) + " tail.";
        List<Chunk> chunks = new DocumentChunker(new ChunkingParams(20, 0)).chunk("word.txt", text);

        assertThat(chunks).extracting(Chunk::text).containsExactly("x".repeat(20), "x".repeat(20), "x".repeat(5) + " tail.");
    }

    @Test
    void twentyCharacterChunksStayWithinTwentyCharacters() {
        List<Chunk> chunks = new DocumentChunker(new ChunkingParams(20, 0)).chunk("programming.rst", FAQ);

        assertThat(chunks).hasSizeGreaterThan(8).allSatisfy(chunk -> assertThat(chunk.text()).hasSizeLessThanOrEqualTo(20));
    }

    @Test
    void markdownHeadingsSplitButHashesInCodeFencesDoNot() {
        String markdown = """
                # Install

                Run the installer.

                ```bash
                # not a heading
                make install
                ```

                ## Configure

                Edit the file.
                """;
        List<Chunk> chunks = chunker.chunk("guide.md", markdown);

        assertThat(chunks).extracting(Chunk::section).containsExactly("Install", "Configure");
        assertThat(chunks.get(0).text()).contains("# not a heading");
    }

    @Test
    void anEmptyOrBlankDocumentHasNoPassage() {
        assertThat(chunker.chunk("empty.md", "")).isEmpty();
        assertThat(chunker.chunk("blank.md", " \n\n\t ")).isEmpty();
    }

    @Test
    void windowsLineEndingsAreHeadingsToo() {
        String text = "Question?\r\n---------\r\n\r\nAnswer.\r\n";

        assertThat(chunker.chunk("crlf.rst", text)).singleElement()
                .satisfies(chunk -> assertThat(chunk.section()).isEqualTo("Question?"));
    }

    @Test
    void embeddingTextDropsAdornmentAndCollapsesWhitespace() {
        Chunk chunk = chunker.chunk("programming.rst", FAQ).get(1);

        assertThat(DocumentChunker.embeddingText(chunk))
                .isEqualTo("Is there a debugger? Yes. The pdb module is a simple but adequate console-mode debugger.");
    }

    @Test
    void chunkingParametersAreChecked() {
        assertThatThrownBy(() -> new ChunkingParams(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkingParams(100, 100)).hasMessageContaining("overlap");
    }
}
