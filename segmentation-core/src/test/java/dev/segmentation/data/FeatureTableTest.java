package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {
    private final FeatureTable t = FeatureTable.of(List.of("a", "b", "c"), List.of("x", "y"),
            new double[] {1, 2, 3, 4, 5, 6});

    @Test
    void lookupsAndCopies() {
        assertEquals(3, t.rows());
        assertEquals(2, t.cols());
        assertEquals(4.0, t.get(1, "y"));
        assertArrayEquals(new double[] {2, 4, 6}, t.column("y"));
        assertArrayEquals(new double[] {5, 6}, t.row(2));
        double[] v = t.values();
        v[0] = 99;
        assertEquals(1.0, t.get(0, 0));
    }

    @Test
    void selectFilterAndJoin() {
        FeatureTable s = t.select("y");
        assertEquals(List.of("y"), s.featureNames());
        assertArrayEquals(new double[] {2, 4, 6}, s.values());
        FeatureTable f = t.filterEntities(id -> !id.equals("b"));
        assertEquals(List.of("a", "c"), f.entityIds());
        assertArrayEquals(new double[] {1, 2, 5, 6}, f.values());
        FeatureTable j = t.select("x").join(FeatureTable.of(t.entityIds(), List.of("z"), new double[] {7, 8, 9}));
        assertEquals(List.of("x", "z"), j.featureNames());
        assertArrayEquals(new double[] {1, 7, 3, 8, 5, 9}, j.values());
    }

    @Test
    void withFeaturesKeepsTheEntitiesAndChecksShapeAndNames() {
        FeatureTable w = t.withFeatures(new String[] {"z"}, new double[] {7, 8, 9});
        assertEquals(t.entityIds(), w.entityIds());
        assertArrayEquals(new double[] {7, 8, 9}, w.column("z"));
        assertEquals("shape 3 entities x 1 features needs 3 values but got 2", assertThrows(
                IllegalArgumentException.class, () -> t.withFeatures(new String[] {"z"}, new double[2])).getMessage());
        assertEquals("feature name 'z' appears twice", assertThrows(IllegalArgumentException.class,
                () -> t.withFeatures(new String[] {"z", "z"}, new double[6])).getMessage());
    }

    @Test
    void selectingAllColumnsInTheirOrderIsTheTableItselfAndAnyOtherSelectionACopy() {
        assertSame(t, t.select(t.featureNames()));
        FeatureTable swapped = t.select("y", "x");
        assertNotSame(t, swapped);
        assertEquals(List.of("y", "x"), swapped.featureNames());
        assertEquals(t.get(2, "x"), swapped.get(2, "x"));
        assertEquals(t, swapped.select("x", "y"));
        assertEquals("no feature named 'z'; features are [x, y]", assertThrows(IllegalArgumentException.class,
                () -> t.select("x", "z")).getMessage());
    }

    @Test
    void theMatrixHoldsTheTablesValues() {
        DataMatrix m = t.matrix();
        assertArrayEquals(t.values(), m.toArray());
        assertEquals(t.rows(), m.rows());
        assertEquals(t.cols(), m.cols());
    }

    @Test
    void selectRowsRefusesARepeatedRow() {
        assertEquals("entity id 'a' appears twice (row 1)", assertThrows(IllegalArgumentException.class,
                () -> t.selectRows(new int[] {0, 0})).getMessage());
    }

    @Test
    void missingColumnNamesTheFeatures() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.column("q"));
        assertEquals("no feature named 'q'; features are [x, y]", e.getMessage());
    }

    @Test
    void duplicatesAndShapeAreRejected() {
        assertEquals("feature name 'x' appears twice", assertThrows(IllegalArgumentException.class,
                () -> FeatureTable.of(List.of("a"), List.of("x", "x"), new double[2])).getMessage());
        assertEquals("entity id 'a' appears twice (row 1)", assertThrows(IllegalArgumentException.class,
                () -> FeatureTable.of(List.of("a", "a"), List.of("x"), new double[2])).getMessage());
        assertEquals("shape 1 entities x 2 features needs 2 values but got 3",
                assertThrows(IllegalArgumentException.class,
                        () -> FeatureTable.of(List.of("a"), List.of("x", "y"), new double[3])).getMessage());
    }

    @Test
    void joinRefusesDifferentEntities() {
        FeatureTable other = FeatureTable.of(List.of("a"), List.of("z"), new double[1]);
        assertEquals("cannot join tables over different entities (3 and 1 rows)",
                assertThrows(IllegalArgumentException.class, () -> t.join(other)).getMessage());
    }

    @Test
    void firstNonFiniteFindsTheCell() {
        FeatureTable n = FeatureTable.of(List.of("a", "b"), List.of("x", "y"), new double[] {1, 2, 3, Double.NaN});
        assertArrayEquals(new int[] {1, 1}, n.firstNonFinite());
        assertArrayEquals(new int[0], t.firstNonFinite());
    }

    @Test
    void matrixShapeErrors() {
        assertEquals("shape 2 x 2 needs 4 values but got 3", assertThrows(IllegalArgumentException.class,
                () -> DataMatrix.of(2, 2, new double[3])).getMessage());
        assertEquals("row 1 has 1 values, row 0 has 2", assertThrows(IllegalArgumentException.class,
                () -> DataMatrix.ofRows(new double[][] {{1, 2}, {3}})).getMessage());
    }
}
