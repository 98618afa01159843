package io.verrou;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The suite runs on the database it says it runs on (H2 by default, PostgreSQL with -Ppostgres). */
@VerrouTest
class DatabaseTests {

    @Autowired
    DataSource dataSource;

    @Test
    void theSuiteRunsOnTheDatabaseItWasAskedFor() throws SQLException {
        String expected = System.getProperty("verrou.test.database", "h2");
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            String version = connection.getMetaData().getDatabaseProductVersion();
            System.out.println("Test database: " + product + " " + version);
            assertThat(product.toLowerCase()).startsWith(expected.equals("postgres") ? "postgresql" : "h2");
        }
    }
}
