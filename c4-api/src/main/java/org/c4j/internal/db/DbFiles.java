package org.c4j.internal.db;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.c4j.internal.Errors;

/**
 * File-system chores of database directories: creating, deleting recursively, copying a blob directory.
 *
 * <p>Stateless; thread-safe.
 */
public final class DbFiles {
    private DbFiles() {
    }

    public static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Errors.io("creating database directory " + dir, e);
        }
    }

    public static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw Errors.io("deleting " + dir, e);
        }
    }

    /** Copies the files of a blob directory (absent: nothing to copy). */
    public static void copyBlobs(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return;
        }
        try {
            Files.createDirectories(to);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(from, "*.blob")) {
                for (Path f : files) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw Errors.io("copying blobs", e);
        }
    }
}
