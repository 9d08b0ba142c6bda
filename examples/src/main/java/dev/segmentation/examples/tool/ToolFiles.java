package dev.segmentation.examples.tool;

import dev.segmentation.data.Transactions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** File helpers of the tool: existence checks with a reason, atomic text writes, reading a source. */
final class ToolFiles {
    private ToolFiles() {
    }

    static Path existing(Path file, String what) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, what + " not found");
        }
        return file;
    }

    /** Writes {@code text} to a temporary sibling, then moves it over {@code file}. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static Transactions read(Pipeline.Source source, Path override) throws IOException {
        Path in = existing(override != null ? override : source.path(), "input");
        return source.reader().build().read(in);
    }
}
