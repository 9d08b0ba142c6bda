package dev.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.SyntheticRetail;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Lookups by entity id of {@link SegmentAssignments}, whose id index is built on the first lookup. */
class SegmentAssignmentsLookupTest {
    @Test
    void lookupsByIdMatchTheLabelsAlsoWhenManyThreadsMakeTheFirstLookupTogether() throws Exception {
        Transactions tx = SyntheticRetail.transactions(120, 5);
        SegmentationModel model = Segmenter.builder().features(Rfm.builder().cancelledOrderPrefix("C").build())
                .scaling(Scaling.robust()).clusterer(KMeans.builder().k(3)).seed(3).build().fit(tx);
        SegmentAssignments a = model.predict(SyntheticRetail.transactions(80, 6));
        int[] labels = a.labels();
        List<String> ids = a.entityIds();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int offset = t;
                tasks.add(() -> {
                    int wrong = 0;
                    for (int i = 0; i < ids.size(); i++) {
                        int r = (i + offset * 11) % ids.size();
                        OptionalInt l = a.label(ids.get(r));
                        wrong += l.isPresent() && l.getAsInt() == labels[r]
                                && a.status(ids.get(r)) == SegmentAssignments.Status.ASSIGNED ? 0 : 1;
                    }
                    return wrong;
                });
            }
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                assertEquals(0, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(OptionalInt.empty(), a.label("no such customer"));
        assertEquals(SegmentAssignments.Status.UNKNOWN, a.status("no such customer"));
    }
}
