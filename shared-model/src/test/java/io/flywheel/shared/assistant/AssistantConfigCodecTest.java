package io.flywheel.shared.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AssistantConfigCodecTest {

    @Test
    void writesTheSameBytesForTheSameConfigurationAndReadsThemBack() throws Exception {
        byte[] first = AssistantConfigCodec.write(AssistantConfig.defaults());
        byte[] second = AssistantConfigCodec.write(AssistantConfigCodec.read(first));

        assertThat(second).isEqualTo(first);
        assertThat(AssistantConfigCodec.read(first)).isEqualTo(AssistantConfig.defaults());
    }

    @Test
    void usesTheJsonNamesOfTheApi() {
        String json = new String(AssistantConfigCodec.write(AssistantConfig.defaults()), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"prompts\":{\"system\":")
                .contains("\"max_tokens\":512").contains("\"min_score\":0.25").contains("\"injection_threshold\":0.5")
                .doesNotContain("\"fallback\"");
    }

    @Test
    void refusesUnknownFieldsSoThatATypoIsNotSilentlyIgnored() {
        byte[] typo = "{\"generation\":{\"temperature\":0.3,\"max_tokens\":10,\"top_p\":1}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> AssistantConfigCodec.read(typo)).isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("top_p");
    }

    @Test
    void refusesAMissingNumberRatherThanReadingItAsZero() {
        byte[] missing = "{\"generation\":{\"max_tokens\":10}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> AssistantConfigCodec.read(missing)).isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("temperature");
    }
}
