package dev.segmentation.io;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.Pca;
import dev.segmentation.features.ReturnsPolicy;
import dev.segmentation.features.Rfm;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.SyntheticRetail;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Models and file surgery for the model-file tests. */
final class ModelFixtures {
    private ModelFixtures() {
    }

    static Transactions train() {
        return SyntheticRetail.transactions(150, 11);
    }

    static Transactions next() {
        return SyntheticRetail.transactions(60, 12);
    }

    static Rfm rfm() {
        return Rfm.builder().cancelledOrderPrefix("C").returnsPolicy(ReturnsPolicy.EXCLUDE).build();
    }

    /** RFM, log1p + robust scaling, PCA to 3, HDBSCAN. */
    static SegmentationModel hdbscanModel() {
        return Segmenter.builder().features(rfm()).scaling(Scaling.robust().log1p("monetary", "avg_order_value"))
                .embedding(Pca.components(3)).clusterer(Hdbscan.builder().minClusterSize(5)).seed(21).build()
                .fit(train());
    }

    /** RFM, standard scaling, K-Means k = 3. */
    static SegmentationModel kmeansModel() {
        return Segmenter.builder().features(rfm()).scaling(Scaling.standard())
                .clusterer(KMeans.builder().k(3).nInit(3)).seed(22).build().fit(train());
    }

    /** The file with its payload replaced by {@code newPayload} and a matching checksum (a well-formed forgery). */
    static byte[] withPayload(byte[] file, String newPayload) throws Exception {
        String text = new String(file, StandardCharsets.UTF_8);
        int p = text.indexOf("\"payload\":") + "\"payload\":".length();
        String payload = newPayload;
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(payload.getBytes(StandardCharsets.UTF_8)));
        String head = text.substring(0, p).replaceFirst("\"sha256\":\"[0-9a-f]+\"", "\"sha256\":\"" + sha + "\"");
        return (head + payload + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    static String payload(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        int p = text.indexOf("\"payload\":") + "\"payload\":".length();
        return text.substring(p, text.lastIndexOf('}'));
    }
}
