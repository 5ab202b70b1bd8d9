package io.flywheel.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    @Test
    void keepsItsDataAndPortAcrossAnOutage() throws SQLException {
        TestDatabase database = TestDatabase.shared();
        int port = database.port();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE outage_probe(id int)");
            statement.execute("INSERT INTO outage_probe VALUES (42)");
        }

        database.stop();
        assertThatThrownBy(database::connect).isInstanceOf(Exception.class);
        database.start();

        assertThat(database.port()).isEqualTo(port);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM outage_probe")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }
}
