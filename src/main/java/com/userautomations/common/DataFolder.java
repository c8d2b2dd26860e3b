package com.userautomations.common;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.channels.FileChannel;
import java.util.Set;

/**
 * The data folder holds the embedded database and the operator token: the folder is 0700 and
 * the files 0600, set as they are created (never chmodded after, which would leave a window in
 * which the umask's permissions apply). A folder found wider is narrowed at start.
 */
public final class DataFolder {
    private static final Logger LOG = Logger.getLogger(DataFolder.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataFolder() {
    }

    /** Creates the folder (and missing parents, also 0700) or narrows an existing one to 0700. */
    public static synchronized void ensurePrivate(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        try {
            if (!posix(dir)) {
                Files.createDirectories(dir);
                return;
            }
            if (Files.isDirectory(dir)) {
                if (!Files.getPosixFilePermissions(dir).equals(FOLDER)) {
                    Files.setPosixFilePermissions(dir, FOLDER);
                    LOG.infof("Data folder %s was readable by others: narrowed to 0700", dir);
                }
                return;
            }
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or protect the data folder " + dir, e);
        }
    }

    /** Creates an empty file only its owner may read or write; false if it already existed. */
    public static boolean createPrivateFile(Path file) {
        try {
            FileAttribute<?>[] attrs = posix(file)
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
            try (FileChannel ignored = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
                return true;
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** Narrows a file kept from before (an older version, a copy) to 0600, with a log line. */
    public static void narrowFile(Path file) {
        try {
            if (posix(file) && Files.isRegularFile(file) && !Files.getPosixFilePermissions(file).equals(FILE)) {
                Files.setPosixFilePermissions(file, FILE);
                LOG.infof("%s was readable by others: narrowed to 0600", file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot protect " + file, e);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
