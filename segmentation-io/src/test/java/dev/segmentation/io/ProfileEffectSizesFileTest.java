package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.EffectSizeNamer;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment standard deviations and effect sizes travel in the model file; older files without them still load. */
class ProfileEffectSizesFileTest {
    @TempDir
    Path dir;

    @Test
    void deviationsAndEffectSizesRoundTripAndNamesStayTheSame() throws Exception {
        SegmentationModel m = ModelFixtures.kmeansModel();
        Path f = dir.resolve("m.json");
        SegmentationModels.write(m, f);
        SegmentationModel back = SegmentationModels.read(f);
        for (int i = 0; i < m.profiles().size(); i++) {
            SegmentProfile a = m.profiles().get(i);
            SegmentProfile b = back.profiles().get(i);
            assertArrayEquals(a.standardDeviations(), b.standardDeviations());
            assertArrayEquals(a.effectSizes(), b.effectSizes());
            for (double d : b.effectSizes()) {
                assertTrue(d >= -1 && d <= 1, "delta in [-1, 1]: " + d);
            }
        }
        assertEquals(EffectSizeNamer.rfm().names(m.profiles()), EffectSizeNamer.rfm().names(back.profiles()));
    }

    @Test
    void aFileWrittenBeforeEffectSizesLoadsWithThemUnknown() throws Exception {
        Path golden = Path.of(ProfileEffectSizesFileTest.class.getResource("/models/golden-v2-kmeans.model.json")
                .toURI());
        SegmentationModel old = SegmentationModels.read(golden);
        for (SegmentProfile p : old.profiles()) {
            assertTrue(Double.isNaN(p.effectSizes()[0]) && Double.isNaN(p.standardDeviations()[0]), p.toString());
            assertEquals("(not recorded)", HtmlReport.distinguishing(p));
        }
        // the namer cannot name them and falls back to the default names
        assertEquals(List.of(), List.copyOf(EffectSizeNamer.rfm().names(old.profiles()).values()));
        assertEquals("Segment 0", EffectSizeNamer.rfm().name(0, old.profiles()));
    }
}
