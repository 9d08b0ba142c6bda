package dev.segmentation.io;

import dev.segmentation.SegmentationModel;
import dev.segmentation.data.FeatureTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a forked JVM by {@link FreshJvmTest}: loads a model file, predicts the raw feature rows of a probe file
 * (one line per entity: id, then the values' raw long bits in hex) and writes one label per line.
 */
public final class FreshJvmPredict {
    private FreshJvmPredict() {
    }

    public static void main(String[] args) throws Exception {
        SegmentationModel model = SegmentationModels.read(Path.of(args[0]));
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        List<String> names = model.features().featureNames();
        String[] ids = new String[lines.size()];
        double[] v = new double[lines.size() * names.size()];
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ");
            ids[i] = f[0];
            for (int j = 0; j < names.size(); j++) {
                v[i * names.size() + j] = Double.longBitsToDouble(Long.parseUnsignedLong(f[j + 1], 16));
            }
        }
        int[] labels = model.predict(FeatureTable.wrap(ids, names.toArray(new String[0]), v)).labels();
        List<String> out = new ArrayList<>();
        for (int l : labels) {
            out.add(Integer.toString(l));
        }
        Files.write(Path.of(args[2]), out);
    }

    /** The probe file line of row {@code r} of {@code t}. */
    static String line(FeatureTable t, int r) {
        StringBuilder sb = new StringBuilder(t.entityId(r));
        for (int j = 0; j < t.cols(); j++) {
            sb.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(t.get(r, j))));
        }
        return sb.toString();
    }
}
