package io.flywheel.mlops.documents;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.flywheel.mlops.DatabaseTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The knowledge base's API: documents are stored by name, listed, read and deleted; bad ones are refused whole. */
@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
class DocumentResourceTest {

    private static final String TEXT = "How do I read a file?\n=====================\n\nUse the open() built-in function "
            + "with a with statement, so that the file is closed when the block ends, even when an exception is raised "
            + "in it. The file object is an iterator over the lines of the file, and read() returns the whole text.\n";

    @Test
    void aDocumentIsCreatedReadListedReplacedAndDeleted() {
        String name = unique("howto") + ".rst";
        put(name, TEXT.getBytes(StandardCharsets.UTF_8)).then().statusCode(201)
                .header("Location", containsString("/api/documents/" + name)).body("name", equalTo(name))
                .body("size_bytes", equalTo(TEXT.length()));
        put(name, TEXT.getBytes(StandardCharsets.UTF_8)).then().statusCode(200);
        given().when().get("/api/documents/" + name).then().statusCode(200)
                .contentType(containsString("text/plain")).body(equalTo(TEXT));
        given().when().get("/api/documents").then().statusCode(200).body("name", hasItem(name))
                .body("find { it.name == '" + name + "' }.content", equalTo(null));
        String replaced = TEXT.replace("whole text", "whole text as one string");
        put(name, replaced.getBytes(StandardCharsets.UTF_8)).then().statusCode(200)
                .body("size_bytes", equalTo(replaced.length()));
        given().queryParam("target", "document:" + name).when().get("/api/audit").then().statusCode(200)
                .body("action", hasItem("document.replaced"));

        given().when().delete("/api/documents/" + name).then().statusCode(204);
        given().when().get("/api/documents/" + name).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/documents").then().body("name", not(hasItem(name)));
    }

    @Test
    void invalidUtf8IsRefusedWithTheOffsetOfTheBadByte() {
        byte[] bytes = (TEXT + "caf").getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        bad[bytes.length] = (byte) 0xC3;
        put(unique("latin") + ".txt", bad).then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("not valid UTF-8")).body("detail", containsString("byte " + bytes.length));
    }

    @Test
    void anOversizedDocumentIsRefusedWith413() {
        byte[] big = "word ".repeat(1024 * 1024 / 5 + 10).getBytes(StandardCharsets.US_ASCII);
        put(unique("big") + ".txt", big).then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("max-document-bytes"));
    }

    @Test
    void personalDataControlCharactersAndDuplicatesAreRefusedAndNothingIsStored() {
        String name = unique("contact") + ".md";
        put(name, (TEXT + "Write to jane.doe@corp-mail.com for help.\n").getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(422).body("detail", containsString("personal data"));
        put(unique("binary") + ".txt", (TEXT + "\u0001").getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(422).body("detail", containsString("control character"));
        given().when().get("/api/documents/" + name).then().statusCode(404);

        String original = unique("original") + ".rst";
        String text = TEXT + "Unique: " + original + "\n";
        put(original, text.getBytes(StandardCharsets.UTF_8)).then().statusCode(201);
        put(unique("copy") + ".rst", text.getBytes(StandardCharsets.UTF_8)).then().statusCode(422)
                .body("detail", containsString("duplicate of '" + original + "'"));
        given().when().delete("/api/documents/" + original).then().statusCode(204);
    }

    @Test
    void anExampleAddressAndAnIdInsideAUrlAreNotPersonalData() {
        String name = unique("mail") + ".rst";
        String text = TEXT + "Send it To: receiver@example.com, as in "
                + "https://groups.google.com/groups?selm=34A04430.CF9@ohioee.com and the answer is there.\n";
        put(name, text.getBytes(StandardCharsets.UTF_8)).then().statusCode(201);
        given().when().delete("/api/documents/" + name).then().statusCode(204);
    }

    @Test
    void badNamesEmptyDocumentsAndOtherLanguagesAreRefused() {
        put("notes.pdf", TEXT.getBytes(StandardCharsets.UTF_8)).then().statusCode(422)
                .body("errors[0].field", equalTo("name"));
        put(unique("empty") + ".md", new byte[0]).then().statusCode(422).body("detail", containsString("is empty"));
        String german = "Die Datei wird mit der eingebauten Funktion geöffnet und danach automatisch geschlossen. "
                .repeat(8);
        put(unique("german") + ".md", german.getBytes(StandardCharsets.UTF_8)).then().statusCode(422)
                .body("detail", containsString("does not read as English"));
        given().when().delete("/api/documents/" + unique("never") + ".md").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aReindexWithImpossibleChunkingIsRefusedBeforeItRuns() {
        given().contentType("application/json")
                .body("{\"parameters\":{\"chunk-size\":\"20\",\"chunk-overlap\":\"30\"}}")
                .when().post("/api/jobs/reindex/runs").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("parameters.chunk-overlap"));
        given().contentType("application/json").body("{\"parameters\":{\"chunk-size\":\"big\"}}")
                .when().post("/api/jobs/reindex/runs").then().statusCode(422)
                .body("errors[0].field", equalTo("parameters.chunk-size"));
    }

    private static io.restassured.response.Response put(String name, byte[] body) {
        return given().contentType("text/plain; charset=utf-8").body(body).when().put("/api/documents/" + name);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
