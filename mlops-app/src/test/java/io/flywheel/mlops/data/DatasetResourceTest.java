package io.flywheel.mlops.data;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import io.flywheel.mlops.DatabaseTestResource;
import io.flywheel.testing.TestDatabase;
import io.flywheel.testing.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(DatabaseTestResource.class)
@TestProfile(SmallUploadLimit.class)
class DatasetResourceTest {

    private static final byte[] LENDING = TestDatasets.bytes("lending_club.csv");
    private static final String SMALL = "x,color,y\n1.5,red,0\n2,blue,1\n3,red,0\n4,blue,1\n";

    @TestHTTPResource("/")
    URI base;

    private static ValidatableResponse upload(String query, byte[] body) {
        return given().contentType("text/csv").body(body).when().post("/api/datasets?" + query).then();
    }

    private static ValidatableResponse upload(String query, String body) {
        return upload(query, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCsvUploadBecomesASnapshotWithSchemaProfileClassBalanceAndValidation() {
        String id = upload("name=lending-upload&label=Class", LENDING).statusCode(201)
                .header("Location", containsString("/api/datasets/"))
                .body("id", matchesPattern("[0-9a-f]{64}"))
                .body("name", equalTo("lending-upload"))
                .body("rows", equalTo(9857))
                .body("schema.label", equalTo("Class"))
                .body("schema.positiveClass", equalTo("bad"))
                .body("schema.features", hasSize(22))
                .body("schema.features.find { it.name == 'term' }.type", equalTo("categorical"))
                .body("class_balance.bad", equalTo(517))
                .body("profile.columns.find { it.name == 'int_rate' }.type", equalTo("numeric"))
                .body("validation.passed", equalTo(true))
                .body("validation.suite", equalTo("lending-upload"))
                .extract().path("id");

        given().when().get("/api/datasets?name=lending-upload").then().statusCode(200).body("id", hasItem(id));
        given().when().get("/api/datasets/" + id).then().statusCode(200).body("rows", equalTo(9857))
                .body("validation.report.results.size()", equalTo(53));
        given().when().get("/api/validation-suites/lending-upload").then().statusCode(200)
                .body("[0].version", equalTo(1)).body("[0].created_by", equalTo("default"));
    }

    @Test
    void theSameDataTwiceIsTheSameSnapshotWhateverItsQuotingLineEndsAndMissingSpelling() {
        String id = upload("name=same-data&label=y", SMALL).statusCode(201).extract().path("id");
        upload("name=same-data&label=y", SMALL).statusCode(200).body("id", equalTo(id));
        String respelled = "\"x\",\"color\",\"y\"\r\n1.50, red ,0\r\n2.0,\"blue\",1\r\n3,red,0\r\n4,blue,1\r\n";
        upload("name=same-data&label=y", respelled).statusCode(200).body("id", equalTo(id));
        upload("name=same-data&label=y", SMALL.replace("4,blue,1", "4,green,1")).statusCode(201);
        upload("name=other-name&label=y", SMALL).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("same-data"));
    }

    @Test
    void anExplicitSchemaChoosesFeaturesTheirTypesAndThePositiveClass() {
        upload("name=explicit&label=y&features=color,x&categorical=x&positive_class=0", SMALL).statusCode(201)
                .body("schema.features.name", equalTo(java.util.List.of("color", "x")))
                .body("schema.features[1].type", equalTo("categorical"))
                .body("schema.positiveClass", equalTo("0"));
        upload("name=explicit-bad&label=y&numeric=color", SMALL).statusCode(422)
                .body("detail", containsString("column `color` is declared numeric but row 1 holds 'red'"));
    }

    @Test
    void badUploadsGetAPreciseProblemAndLeaveNothingStored() throws Exception {
        long before = snapshots();
        upload("name=semicolons&label=y", "x;color;y\n1;red;0\n").statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:flywheel:problem:invalid-dataset"))
                .body("detail", containsString("separated by ';'"));
        upload("name=ragged&label=y", "x,color,y\n1,red,0\n2,blue\n3,red,0\n").statusCode(422)
                .body("detail", equalTo("line 3 has 2 cells but the header names 3 columns"));
        byte[] latin1 = "x,color,y\n1,caf\u00e9,0\n2,blue,1\n".getBytes(StandardCharsets.ISO_8859_1);
        upload("name=latin1&label=y", latin1).statusCode(422)
                .body("detail", containsString("byte offset 15 (line 2) holds 0xE9"));
        upload("name=empty&label=y", "").statusCode(422).body("detail", containsString("empty"));
        upload("name=header-only&label=y", "x,color,y\n").statusCode(422).body("detail", containsString("no data rows"));
        upload("name=no-label&label=Class", SMALL).statusCode(422)
                .body("detail", containsString("label column `Class` is not in the upload"))
                .body("errors[0].field", equalTo("label"));
        upload("name=one-class&label=y", "x,y\n1,0\n2,0\n").statusCode(422)
                .body("detail", containsString("single class `0`"));
        upload("name=bad%20name&label=y", SMALL).statusCode(422).body("errors[0].field", equalTo("name"));
        upload("name=no-label-given", SMALL).statusCode(422).body("errors[0].field", equalTo("label"));
        assertThat(snapshots()).isEqualTo(before);
    }

    @Test
    void anUploadDeclaredLargerThanTheLimitIsRefusedBeforeItsBodyIsRead() throws Exception {
        long before = snapshots();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/datasets?name=huge&label=y HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: 2147483648\r\n\r\nx,color,y\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json")
                    .contains("urn:flywheel:problem:payload-too-large").contains("2097152 bytes");
        }
        assertThat(snapshots()).isEqualTo(before);
    }

    @Test
    void aStreamedUploadOverTheLimitStopsWith413() throws Exception {
        long before = snapshots();
        StringBuilder rows = new StringBuilder("x,color,y\n");
        while (rows.length() < 3_000_000) {
            rows.append("1.25,red,0\n2.5,blue,1\n");
        }
        InputStream body = new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/datasets?name=streamed&label=y"))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("urn:flywheel:problem:payload-too-large");
        assertThat(snapshots()).isEqualTo(before);
    }

    private static long snapshots() throws Exception {
        try (Connection connection = TestDatabase.shared().connect(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT (SELECT count(*) FROM mlops.dataset_snapshot) + "
                     + "(SELECT count(*) FROM mlops.dataset_content) + (SELECT count(*) FROM mlops.validation_result)")) {
            count.next();
            return count.getLong(1);
        }
    }
}
