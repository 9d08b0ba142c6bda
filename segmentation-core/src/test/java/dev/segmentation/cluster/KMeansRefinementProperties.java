package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.fit.FitContext;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of {@link KMeans.Refinement#HARTIGAN} on the random cases of {@link KMeansProperties}. */
class KMeansRefinementProperties {
    @Provide
    Arbitrary<KMeansProperties.Case> cases() {
        return new KMeansProperties().cases();
    }

    private static KMeans.Builder builder(KMeansProperties.Case c) {
        return KMeans.builder().k(c.k).nInit(3);
    }

    @Property(tries = 300)
    void refinementNeverRaisesARestartsInertia(@ForAll("cases") KMeansProperties.Case c) {
        double[] lloyd = builder(c).refinement(KMeans.Refinement.NONE).build().fit(c.x, FitContext.seeded(c.seed))
                .restartInertias();
        double[] refined = builder(c).refinement(KMeans.Refinement.HARTIGAN).build()
                .fit(c.x, FitContext.seeded(c.seed)).restartInertias();
        for (int r = 0; r < lloyd.length; r++) {
            // relative rounding slack: the two inertias are sums over the same rows in the same order
            assertTrue(refined[r] <= lloyd[r] + 1e-12 * (1 + lloyd[r]),
                    "restart " + r + ": refined " + refined[r] + " > Lloyd " + lloyd[r]);
        }
    }

    @Property(tries = 300)
    void refinedLabelsLieInRangeAndPredictGivesTheLabel(@ForAll("cases") KMeansProperties.Case c) {
        KMeansModel m = builder(c).refinement(KMeans.Refinement.HARTIGAN).build().fit(c.x, FitContext.seeded(c.seed));
        int[] labels = m.labels();
        for (int i = 0; i < labels.length; i++) {
            assertTrue(labels[i] >= 0 && labels[i] < c.k, "row " + i + " label " + labels[i]);
            assertEquals(labels[i], m.predict(c.x.row(i)), "row " + i);
        }
        assertArrayEquals(labels, m.predict(c.x));
        assertTrue(m.iterations() <= 300);
    }

    @Property(tries = 100)
    void refinedFitIgnoresTheThreadCount(@ForAll("cases") KMeansProperties.Case c) {
        KMeans km = builder(c).refinement(KMeans.Refinement.HARTIGAN).build();
        KMeansModel one = km.fit(c.x, FitContext.seeded(c.seed).withThreads(1));
        KMeansTest.assertSameModel(one, km.fit(c.x, FitContext.seeded(c.seed).withThreads(2)));
        KMeansTest.assertSameModel(one, km.fit(c.x, FitContext.seeded(c.seed).withThreads(3)));
    }
}
