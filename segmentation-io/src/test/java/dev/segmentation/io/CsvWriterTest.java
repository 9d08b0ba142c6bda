package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.FeatureTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
    @TempDir
    Path dir;

    private static List<List<String>> readBack(Path f) throws IOException {
        CsvTokenizer t = new CsvTokenizer(new ByteArrayInputStream(Files.readAllBytes(f)), (byte) ',', "x", 64);
        List<List<String>> out = new ArrayList<>();
        while (t.next()) {
            List<String> r = new ArrayList<>();
            for (int i = 0; i < t.fieldCount(); i++) {
                r.add(t.string(i, StandardCharsets.UTF_8));
            }
            out.add(r);
        }
        return out;
    }

    private List<Path> filesIn() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(java.util.stream.Collectors.toList());
        }
    }

    @Test
    void quotesOnlyWhatNeedsQuoting() throws IOException {
        Path f = dir.resolve("t.csv");
        CsvWriter.defaults().writeTable(f, List.of("a", "b,c"), List.of(
                Arrays.asList("plain", "x,y"), Arrays.asList("say \"hi\"", "two\nlines"),
                Arrays.asList(null, " padded "), Arrays.asList(1.5, 7)));
        assertEquals("a,\"b,c\"\nplain,\"x,y\"\n\"say \"\"hi\"\"\",\"two\nlines\"\n,\" padded \"\n1.5,7\n",
                Files.readString(f));
        assertEquals(List.of(List.of("a", "b,c"), List.of("plain", "x,y"), List.of("say \"hi\"", "two\nlines"),
                List.of("", " padded "), List.of("1.5", "7")), readBack(f));
        assertEquals(List.of(f), filesIn()); // no temporary file left
    }

    @Test
    void delimiterAndLineSeparatorAreConfigurable() throws IOException {
        Path f = dir.resolve("s.csv");
        CsvWriter.defaults().withDelimiter(';').withLineSeparator("\r\n")
                .writeTable(f, List.of("a", "b"), List.of(List.of("x;y", "1,5")));
        assertEquals("a;b\r\n\"x;y\";1,5\r\n", Files.readString(f));
        assertEquals("line separator must be \\n or \\r\\n but was '\\r'",
                assertThrows(IllegalArgumentException.class, () -> CsvWriter.defaults().withLineSeparator("\r"))
                        .getMessage());
        assertEquals("delimiter must not be a double quote, CR or LF but was U+000A",
                assertThrows(IllegalArgumentException.class, () -> CsvWriter.defaults().withDelimiter('\n'))
                        .getMessage());
    }

    @Test
    void featureTableRoundTripsExactly() throws IOException {
        Random rnd = new Random(7);
        int n = 200;
        String[] ids = new String[n];
        double[] v = new double[n * 3];
        for (int i = 0; i < n; i++) {
            ids[i] = "e," + i;
            for (int c = 0; c < 3; c++) {
                long bits = rnd.nextLong();
                double d = c == 0 ? Double.longBitsToDouble(bits) : c == 1 ? rnd.nextGaussian() * 1e6 : rnd.nextDouble();
                v[i * 3 + c] = Double.isNaN(d) ? Double.MIN_VALUE : d;
            }
        }
        v[0] = Double.NaN;
        v[1] = Double.NEGATIVE_INFINITY;
        v[2] = -0.0;
        FeatureTable t = FeatureTable.wrap(ids, new String[] {"x", "y", "z"}, v);
        Path f = dir.resolve("features.csv");
        CsvWriter.defaults().writeFeatureTable(f, t);
        List<List<String>> rows = readBack(f);
        assertEquals(List.of("entity", "x", "y", "z"), rows.get(0));
        double[] back = new double[n * 3];
        String[] backIds = new String[n];
        for (int i = 0; i < n; i++) {
            backIds[i] = rows.get(i + 1).get(0);
            for (int c = 0; c < 3; c++) {
                back[i * 3 + c] = Double.parseDouble(rows.get(i + 1).get(c + 1));
            }
        }
        assertArrayEquals(ids, backIds);
        for (int i = 0; i < back.length; i++) {
            assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(back[i]), "cell " + i);
        }
        assertEquals("entity column name 'x' is also a feature name", assertThrows(IllegalArgumentException.class,
                () -> CsvWriter.defaults().writeFeatureTable(f, t, "x")).getMessage());
    }

    @Test
    void assignmentsWithExtraColumns() throws IOException {
        Path f = dir.resolve("assignments.csv");
        CsvWriter.defaults().assignments(List.of("c1", "c2"), new int[] {0, -1})
                .column("segment", Arrays.asList("Loyal, high value", null))
                .column("strength", new double[] {0.75, 0.0})
                .column("eligible", new boolean[] {true, false})
                .column("rank", new int[] {1, 2})
                .write(f);
        assertEquals("entity,label,segment,strength,eligible,rank\nc1,0,\"Loyal, high value\",0.75,true,1\n"
                + "c2,-1,,0.0,false,2\n", Files.readString(f));
        CsvWriter.Assignments a = CsvWriter.defaults().assignments(List.of("c1"), new int[] {0});
        assertEquals("column 'strength' has 2 values but there are 1 entities", assertThrows(
                IllegalArgumentException.class, () -> a.column("strength", new double[2])).getMessage());
        assertEquals("column 'label' is already present in [entity, label]", assertThrows(
                IllegalArgumentException.class, () -> a.column("label", new int[1])).getMessage());
        assertEquals("there are 1 entity ids but 2 labels", assertThrows(IllegalArgumentException.class,
                () -> CsvWriter.defaults().assignments(List.of("c1"), new int[2])).getMessage());
    }

    @Test
    void failureMidwayLeavesNoFileAndKeepsTheOldOne() throws IOException {
        Path f = dir.resolve("out.csv");
        IOException boom = assertThrows(IOException.class, () -> CsvWriter.defaults().write(f, List.of("a"), rows -> {
            for (int i = 0; i < 100_000; i++) {
                rows.row(i);
            }
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", boom.getMessage());
        assertEquals(List.of(), filesIn());

        Files.writeString(f, "old\n");
        IllegalArgumentException wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> CsvWriter.defaults().write(f, List.of("a", "b"), rows -> {
                    rows.row("1", "2");
                    rows.row("3");
                }));
        assertEquals("row 2 has 1 cells but the header has 2 columns [a, b]", wrongWidth.getMessage());
        assertEquals("old\n", Files.readString(f));
        assertEquals(List.of(f), filesIn());
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path f = dir.resolve("r.csv");
        Files.writeString(f, "old\n");
        CsvWriter.defaults().writeTable(f, List.of("new"), List.of());
        assertEquals("new\n", Files.readString(f));
        assertFalse(Files.exists(dir.resolve("missing").resolve("x.csv")));
        assertThrows(IOException.class, () -> CsvWriter.defaults().writeTable(dir.resolve("missing").resolve("x.csv"),
                List.of("a"), List.of()));
        assertEquals("the header must name at least one column", assertThrows(IllegalArgumentException.class,
                () -> CsvWriter.defaults().writeTable(f, List.of(), List.of())).getMessage());
    }
}
