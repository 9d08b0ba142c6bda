package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.stability.Alignment;
import dev.segmentation.stability.Drift;
import dev.segmentation.stability.DriftReport;
import dev.segmentation.stability.Migration;
import dev.segmentation.stability.MigrationReport;
import dev.segmentation.stability.SegmentAlignment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Refresh in Spark (alignment, migration, drift) against core's results on the same tables. */
class SparkRefreshTest {
    private static final StructType SCORED = new StructType().add("entity", DataTypes.StringType, false)
            .add("segment", DataTypes.IntegerType, true);

    private static Dataset<Row> scored(List<String> ids, int[] labels, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            rows.add(RowFactory.create(ids.get(i), labels[i]));
        }
        // a row without a segment (not eligible) is left out, as core's labellings hold assigned entities only
        rows.add(RowFactory.create("unscored", null));
        return SparkTesting.spark().createDataFrame(rows, SCORED).repartition(partitions);
    }

    @Test
    void alignmentAndMigrationEqualCoresOnTheSameLabellings() {
        SplittableRandom rnd = new SplittableRandom(21);
        int n = 1200;
        List<String> prevIds = new ArrayList<>();
        List<String> newIds = new ArrayList<>();
        int[] prev = new int[n];
        int[] next = new int[n + 150];
        int m = 0;
        for (int i = 0; i < n; i++) {
            prevIds.add("c" + i);
            // previous stable ids 3, 5, 8, 9 and noise
            prev[i] = new int[] {3, 5, 8, 9, -1}[rnd.nextInt(5)];
            if (rnd.nextInt(10) > 0) {
                newIds.add("c" + i);
                // the new model renamed most segments, split one, and has noise
                int base = prev[i] == 3 ? 2 : prev[i] == 5 ? 0 : prev[i] == 8 ? 1 : prev[i] == 9 ? 3 + rnd.nextInt(2)
                        : -1;
                next[m++] = rnd.nextInt(6) == 0 ? rnd.nextInt(6) - 1 : base;
            }
        }
        for (int i = 0; i < 150; i++) {
            newIds.add("n" + i);
            next[m++] = rnd.nextInt(6) - 1;
        }
        int[] nextLabels = java.util.Arrays.copyOf(next, m);
        SegmentAlignment settings = SegmentAlignment.defaults().minJaccard(0.2);
        Alignment want = settings.byEntities(prevIds, prev, newIds, nextLabels);
        MigrationReport wantMig = Migration.between(prevIds, prev, newIds, nextLabels);
        for (int p : new int[] {3}) {
            Dataset<Row> a = scored(prevIds, prev, p);
            Dataset<Row> b = scored(newIds, nextLabels, p + 2);
            Alignment got = SparkRefresh.align(a, b, settings);
            assertArrayEquals(want.newLabels(), got.newLabels());
            assertArrayEquals(want.stableIds(), got.stableIds());
            assertArrayEquals(want.appeared(), got.appeared());
            assertArrayEquals(want.vanished(), got.vanished());
            assertEquals(want.matches(), got.matches());

            // relabelled with stable ids, the new table migrates as core's relabelled labels
            Dataset<Row> stable = SparkRefresh.relabel(b, "segment", got);
            int[] relabelled = want.relabel(nextLabels);
            MigrationReport wantStable = Migration.between(prevIds, prev, newIds, relabelled);
            SparkRefresh.Transitions t = SparkRefresh.migration(a, stable);
            assertArrayEquals(wantStable.segments(), t.segments());
            assertArrayEquals(wantStable.counts(), t.counts());
            assertArrayEquals(wantStable.enteredBySegment(), t.enteredBySegment());
            assertArrayEquals(wantStable.leftBySegment(), t.leftBySegment());
            assertEquals(wantStable.stayed(), t.stayed());

            SparkRefresh.Transitions raw = SparkRefresh.migration(a, b);
            assertArrayEquals(wantMig.counts(), raw.counts());
            assertEquals(wantMig.enteredIds().size(), SparkRefresh.entered(a, b, "segment").count());
            assertEquals(wantMig.leftIds().size(), SparkRefresh.left(a, b, "segment").count());
        }
    }

    @Test
    void driftEqualsCoresPsiAndKsBitForBitForAnyPartitioning() {
        SplittableRandom rnd = new SplittableRandom(4);
        String[] names = {"monetary", "orders", "constant", "shifted"};
        int n = 1500;
        int m = 1100;
        double[] tr = new double[n * 4];
        double[] cu = new double[m * 4];
        for (int i = 0; i < n; i++) {
            tr[i * 4] = Math.exp(rnd.nextGaussian());
            tr[i * 4 + 1] = rnd.nextInt(12);          // many ties, fewer than 10 distinct deciles
            tr[i * 4 + 2] = 3;
            tr[i * 4 + 3] = rnd.nextGaussian() * (i % 7 == 0 ? -0.0 : 1);
        }
        for (int i = 0; i < m; i++) {
            cu[i * 4] = Math.exp(rnd.nextGaussian() * 1.1);
            cu[i * 4 + 1] = rnd.nextInt(15);
            cu[i * 4 + 2] = i % 50 == 0 ? 4 : 3;
            cu[i * 4 + 3] = rnd.nextGaussian() + 0.7;
        }
        String[] ti = new String[n];
        String[] ci = new String[m];
        for (int i = 0; i < n; i++) {
            ti[i] = "t" + i;
        }
        for (int i = 0; i < m; i++) {
            ci[i] = "c" + i;
        }
        FeatureTable train = FeatureTable.wrap(ti, names, tr);
        FeatureTable current = FeatureTable.wrap(ci, names, cu);
        DriftReport want = Drift.compare(train, current);
        SparkSession spark = SparkTesting.spark();
        String before = spark.conf().get("spark.sql.shuffle.partitions");
        try {
            for (String parts : new String[] {"1", "7"}) {
                spark.conf().set("spark.sql.shuffle.partitions", parts);
                DriftReport got = SparkRefresh.drift(frame(train, 2), frame(current, 3), List.of(names));
                for (int f = 0; f < names.length; f++) {
                    DriftReport.FeatureDrift w = want.features().get(f);
                    DriftReport.FeatureDrift g = got.features().get(f);
                    assertEquals(w.feature(), g.feature());
                    assertEquals(Double.doubleToLongBits(w.psi()), Double.doubleToLongBits(g.psi()),
                            w.feature() + " psi, " + parts + " partitions: " + w.psi() + " vs " + g.psi());
                    assertEquals(Double.doubleToLongBits(w.ks()), Double.doubleToLongBits(g.ks()),
                            w.feature() + " ks, " + parts + " partitions: " + w.ks() + " vs " + g.ks());
                    assertEquals(w.level(), g.level());
                }
            }
        } finally {
            spark.conf().set("spark.sql.shuffle.partitions", before);
        }
    }

    private static Dataset<Row> frame(FeatureTable t, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            Object[] o = new Object[t.cols() + 1];
            o[0] = t.entityId(r);
            for (int c = 0; c < t.cols(); c++) {
                o[c + 1] = t.get(r, c);
            }
            rows.add(RowFactory.create(o));
        }
        return SparkTesting.spark().createDataFrame(rows, SparkFeatures.schema(t.featureNames()))
                .repartition(partitions);
    }

    @Test
    void errorsNameTheTableAndTheProblem() {
        Dataset<Row> a = scored(List.of("x", "y"), new int[] {0, 1}, 1);
        Dataset<Row> dup = scored(List.of("x", "x"), new int[] {0, 1}, 1);
        assertEquals("current entity id 'x' appears 2 times", assertThrows(IllegalArgumentException.class,
                () -> SparkRefresh.align(a, dup, SegmentAlignment.defaults())).getMessage());
        assertEquals("previous has no column 'cluster'; its columns are [entity, segment]",
                assertThrows(IllegalArgumentException.class, () -> SparkRefresh.migration(a, a, "cluster"))
                        .getMessage());
        Dataset<Row> other = scored(List.of("p", "q"), new int[] {0, 1}, 1);
        assertEquals("the labellings share no entity; align by centres instead",
                assertThrows(IllegalArgumentException.class,
                        () -> SparkRefresh.align(a, other, SegmentAlignment.defaults())).getMessage());
        Dataset<Row> f = SparkTesting.spark().createDataFrame(List.of(RowFactory.create("e", Double.NaN)),
                SparkFeatures.schema(List.of("v")));
        Dataset<Row> g = SparkTesting.spark().createDataFrame(List.of(RowFactory.create("e", 1.0)),
                SparkFeatures.schema(List.of("v")));
        Exception e = assertThrows(Exception.class, () -> SparkRefresh.drift(f, g, List.of("v")));
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof IllegalArgumentException)) {
            root = root.getCause();
        }
        assertEquals("train feature 'v' has a non-finite value NaN", root.getMessage());
    }
}
