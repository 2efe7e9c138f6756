package dev.stockroom.localdev;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Creates the local dev and test databases on first use; roles and tables come from the Flyway migrations. */
final class LocalDatabases {

    private LocalDatabases() {
    }

    static String url(String host, String database) {
        return "jdbc:postgresql://" + host + ":5432/" + database;
    }

    static void ensureExist(String host, List<String> databases) {
        // Plain JDBC to the maintenance database: this runs while the configuration is read, before the
        // datasource exists, and the datasource would point at the very database to create.
        try (Connection connection = DriverManager.getConnection(url(host, "postgres"), "postgres", "")) {
            for (String database : databases) {
                if (!exists(connection, database)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + database);
                    } catch (SQLException raced) {
                        // Another JVM (a parallel test run) may have created it in the meantime.
                        if (!exists(connection, database)) {
                            throw raced;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            // Leave the failure to the datasource, which reports it with the URL it tried.
            System.err.println("Stockroom: could not prepare the local databases on " + host + ":5432: " + e.getMessage());
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
