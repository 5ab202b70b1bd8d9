package io.flywheel.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k6 cannot be installed here, so its scripts are checked statically: TypeScript (checkJs) against @types/k6, both
 * installed by the build from load-tests/package-lock.json.
 */
class K6ScriptsTypeCheckTest {

    private static final Path MODULE = Path.of(System.getProperty("flywheel.root", "..")).resolve("load-tests");
    private static final Path TSC = MODULE.resolve("node_modules/typescript/bin/tsc");

    @Test
    void theK6ScriptsTypeCheckAgainstK6sOwnTypes() throws Exception {
        Result result = tsc(MODULE.resolve("k6/tsconfig.json"));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theCheckCatchesAMisusedK6Api(@TempDir Path copy) throws Exception {
        for (String file : List.of("flywheel.js", "smoke.js", "scenarios.json")) {
            Files.copy(MODULE.resolve("k6").resolve(file), copy.resolve(file));
        }
        Path lib = copy.resolve("flywheel.js");
        Files.writeString(lib, Files.readString(lib).replace("http.request(request.method,", "http.request(42,"));
        Files.writeString(copy.resolve("tsconfig.json"), Files.readString(MODULE.resolve("k6/tsconfig.json"))
                .replace("\"../node_modules/@types\"", "\"" + MODULE.resolve("node_modules/@types") + "\""));

        Result result = tsc(copy.resolve("tsconfig.json"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("flywheel.js").contains("'number' is not assignable to parameter of type 'string'");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result tsc(Path project) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("node", TSC.toString(), "-p", project.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
