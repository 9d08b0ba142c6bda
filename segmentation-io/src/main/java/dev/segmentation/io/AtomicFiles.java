package dev.segmentation.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Writes a file through a temporary sibling (created with the default permissions, written, forced to disk) and a
 * move, so the target is either the old file or the complete new one. Thread-safe (each call has its own temporary
 * file).
 *
 * <p><b>Symbolic links.</b> When the target is a symbolic link (or a chain of them), the link is followed: the file
 * it names is replaced atomically, through a temporary file in that file's folder, and the link itself is left as
 * it was. A dangling link creates the file it names. (Moving over the link would replace the link by a regular file
 * and leave the file it named stale.)
 */
final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** The file a chain of symbolic links ends at ({@code p} itself when it is not a link). */
    static Path followLinks(Path p) throws IOException {
        Path cur = p;
        for (int hops = 0; Files.isSymbolicLink(cur); hops++) {
            if (hops == 40) {
                throw new IOException("cannot write '" + p + "': more than 40 levels of symbolic links");
            }
            Path next = Files.readSymbolicLink(cur);
            Path parent = cur.getParent();
            cur = (parent == null ? next : parent.resolve(next)).toAbsolutePath();
        }
        return cur;
    }

    /** What writes the content. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Runs {@code body} on a temporary file in {@code target}'s folder, forces it to disk and moves it over
     * {@code target}; on any failure the temporary file is deleted and the exception rethrown.
     */
    static void write(Path target, Body body) throws IOException {
        Objects.requireNonNull(target, "target");
        Path abs = followLinks(target.toAbsolutePath());
        Path dir = abs.getParent();
        if (dir == null) {
            throw new IOException("cannot write '" + target + "': it has no parent folder");
        }
        String name = abs.getFileName().toString();
        Path tmp = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            // CREATE_NEW with the process's default permissions (Files.createTempFile would make it owner-only)
            tmp = dir.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
        boolean moved = false;
        try {
            try (FileChannel ch = channel;
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                body.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
