package com.userautomations.common;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * H2's driver, except that the database's folder is made 0700 and its main file
 * ({@code <name>.mv.db}) created 0600 before H2 opens them: H2 creates its files with the
 * process umask (0644 usually). The embedded build names it in quarkus.datasource.jdbc.driver
 * (pom.xml); H2's other files (trace, temporary) are inside the 0700 folder.
 */
public class PrivateH2Driver implements Driver {
    private static final String FILE_URL = "jdbc:h2:file:";
    private final Driver h2 = new org.h2.Driver();

    static {
        try {
            DriverManager.registerDriver(new PrivateH2Driver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (url != null && url.startsWith(FILE_URL)) {
            prepare(url);
        }
        return h2.connect(url, info);
    }

    /** jdbc:h2:file:./data/automations;MODE=... -> ./data 0700, ./data/automations.mv.db 0600. */
    static void prepare(String url) {
        String name = url.substring(FILE_URL.length());
        int settings = name.indexOf(';');
        Path database = Path.of(settings < 0 ? name : name.substring(0, settings)).toAbsolutePath().normalize();
        DataFolder.ensurePrivate(database.getParent());
        Path file = database.resolveSibling(database.getFileName() + ".mv.db");
        if (!DataFolder.createPrivateFile(file)) {
            DataFolder.narrowFile(file); // a database from before this version may be 0644
        }
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return h2.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return h2.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return h2.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return h2.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return h2.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return h2.getParentLogger();
    }
}
