package com.userautomations.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The data folder is 0700 and its files 0600 as they are created, whatever the umask. */
class DataFolderTest {

    @Test
    void aNewFolderAndItsMissingParentsAre0700(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("a/b/data");
        DataFolder.ensurePrivate(folder);
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(tmp.resolve("a"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void anExistingWideFolderIsNarrowed(@TempDir Path tmp) throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("data"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        DataFolder.ensurePrivate(folder);
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void theH2FileIsCreated0600BeforeH2OpensIt(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        String url = "jdbc:h2:file:" + data.resolve("automations") + ";WRITE_DELAY=0";
        try (var c = new PrivateH2Driver().connect(url, new java.util.Properties())) {
            c.createStatement().execute("create table t(i int)");
        }
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(data.resolve("automations.mv.db")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(DriverManager.getDriver(url)).isNotNull();
    }

    @Test
    void aGeneratedOperatorTokenIsWritten0600InA0700Folder(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        AutomationsConfig config = (AutomationsConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AutomationsConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "dataDir" -> data.toString();
                    case "operatorToken" -> Optional.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        OperatorToken token = new OperatorToken(config);
        Path file = data.resolve("operator-token");
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(token.matches(Files.readString(file).trim())).isTrue();
    }

    @Test
    void filesKeptFromBeforeAreNarrowedTo0600(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Path token = Files.writeString(data.resolve("operator-token"), "kept-token\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        String url = "jdbc:h2:file:" + data.resolve("automations") + ";WRITE_DELAY=0";
        try (var c = new org.h2.Driver().connect(url, new java.util.Properties())) {
            c.createStatement().execute("create table t(i int)");
        }
        Path db = data.resolve("automations.mv.db");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

        AutomationsConfig config = (AutomationsConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AutomationsConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "dataDir" -> data.toString();
                    case "operatorToken" -> Optional.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        assertThat(new OperatorToken(config).matches("kept-token")).isTrue();
        try (var c = new PrivateH2Driver().connect(url, new java.util.Properties())) {
            assertThat(c.createStatement().executeQuery("select count(*) from t").next()).isTrue();
        }
        assertThat(Files.getPosixFilePermissions(token)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(db)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
