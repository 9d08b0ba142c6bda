package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.Transactions;
import dev.segmentation.sim.RetailSimulator;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet of README.md and of the class Javadoc of the entry types ({@code Segmenter},
 * {@code FeatureFilter}) compiles against the library and runs on simulated data: {@code transactions} and
 * {@code nextMonthTransactions} are in scope, as the snippets assume.
 */
class DocSnippetsTest {
    private static final String IMPORTS = String.join("\n", "import dev.segmentation.*;",
            "import dev.segmentation.cluster.*;", "import dev.segmentation.data.*;",
            "import dev.segmentation.embedding.*;", "import dev.segmentation.evaluation.*;",
            "import dev.segmentation.features.*;", "import dev.segmentation.scaling.*;",
            "import dev.segmentation.io.*;", "import java.nio.file.Path;", "import java.time.LocalDate;",
            "import java.util.List;");

    @TempDir
    Path dir;

    static List<String> readmeSnippets(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static List<String> javadocSnippets(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<pre>\\{@code\\n(.*?)\\}</pre>", Pattern.DOTALL).matcher(source);
        while (m.find()) {
            StringBuilder s = new StringBuilder();
            for (String line : m.group(1).split("\n")) {
                s.append(line.replaceFirst("^\\s*\\* ?", "")).append('\n');
            }
            out.add(s.toString());
        }
        return out;
    }

    @Test
    void everyReadmeAndEntryTypeSnippetCompilesAndRuns() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> snippets = new ArrayList<>(readmeSnippets(Files.readString(root.resolve("README.md"))));
        int readme = snippets.size();
        assertTrue(readme >= 2, "README has " + readme + " Java snippets");
        Path core = root.resolve("segmentation-core/src/main/java/dev/segmentation");
        for (Path p : List.of(core.resolve("Segmenter.java"), core.resolve("features/FeatureFilter.java"))) {
            List<String> found = javadocSnippets(Files.readString(p));
            assertTrue(!found.isEmpty(), "no snippet in " + p);
            snippets.addAll(found);
        }
        // FeatureFilter's snippet is a builder fragment: complete it into a fit
        for (int i = 0; i < snippets.size(); i++) {
            String s = snippets.get(i).strip();
            if (s.startsWith("Segmenter.builder()") && !s.contains(".fit(")) {
                snippets.set(i, "Object unused = " + s + ".clusterer(KMeans.builder().k(2)).build().fit(transactions);");
            }
        }
        List<File> sources = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            String code = IMPORTS + "\npublic class Snippet" + i + " {\n    public static void run(Transactions "
                    + "transactions, Transactions nextMonthTransactions) throws Exception {\n" + snippets.get(i)
                    + "\n    }\n}\n";
            Path f = dir.resolve("Snippet" + i + ".java");
            Files.writeString(f, code);
            sources.add(f.toFile());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-classpath", cp, "-d", dir.toString(), "-proc:none"));
        for (File f : sources) {
            args.add(f.getPath());
        }
        int rc = javac.run(null, null, err, args.toArray(new String[0]));
        assertEquals(0, rc, () -> err.toString(StandardCharsets.UTF_8));

        Transactions tx = RetailSimulator.builder().seed(3).entities(24).weeks(110).activityScale(12).build()
                .simulate(1).transactions();
        Transactions next = RetailSimulator.builder().seed(4).entities(24).weeks(110).activityScale(12)
                .start(java.time.LocalDate.of(2013, 1, 7)).build().simulate(1).transactions();
        Path cwd = Path.of("").toAbsolutePath();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                DocSnippetsTest.class.getClassLoader())) {
            for (int i = 0; i < snippets.size(); i++) {
                Method run = loader.loadClass("Snippet" + i).getMethod("run", Transactions.class, Transactions.class);
                run.invoke(null, tx, next);
            }
        } finally {
            Files.deleteIfExists(cwd.resolve("model.json"));
        }
    }
}
