package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifetimesDifferentialTest {
    private static final LocalDate END = LocalDate.of(2011, 12, 9);

    @Test
    void explore() {
        Map<String, String[]> ref = LifetimesReference.table(LifetimesReference.CLV);
        CustomerSummary s = CustomerSummary.of(LifetimesReference.transactions(), TimeUnit.DAY, END);
        assertEquals(ref.size() - 1, s.size());
        int fx = LifetimesReference.column(ref, "frequency");
        int fm = LifetimesReference.column(ref, "monetary_value");
        int exact = 0;
        double maxRel = 0;
        double[] x = s.frequency();
        double[] m = s.monetaryValue();
        for (int i = 0; i < s.size(); i++) {
            String[] row = ref.get(s.customerIds().get(i));
            assertEquals(Double.parseDouble(row[fx]), x[i]);
            double r = Double.parseDouble(row[fm]);
            if (r == m[i]) {
                exact++;
            }
            maxRel = Math.max(maxRel, LifetimesReference.rel(m[i], r));
        }
        System.out.println("monetary exact " + exact + " of " + s.size() + ", max rel " + maxRel);
        long t0 = System.nanoTime();
        BgNbdModel bg = BgNbd.builder().build().fit(s);
        System.out.println(bg + " " + bg.diagnostics().get() + " " + (System.nanoTime() - t0) / 1e6 + " ms");
        BgNbdModel bgRef = BgNbdModel.of(LifetimesReference.param("bgnbd", "r"),
                LifetimesReference.param("bgnbd", "alpha"), LifetimesReference.param("bgnbd", "a"),
                LifetimesReference.param("bgnbd", "b"), TimeUnit.DAY);
        double llRef = bgRef.logLikelihood(s);
        double sumX = 0;
        for (double v : x) {
            sumX += v;
        }
        System.out.println("LL at lifetimes' " + llRef + " scaled mean " + (llRef + sumX * Math.log(373)) / s.size()
                + " ref " + -LifetimesReference.param("", "bgnbd_neg_log_likelihood_mean"));
        t0 = System.nanoTime();
        GammaGammaModel gg = GammaGamma.builder().build().fit(s);
        System.out.println(gg + " " + gg.diagnostics().get() + " " + (System.nanoTime() - t0) / 1e6 + " ms");
        t0 = System.nanoTime();
        ParetoNbdModel pn = ParetoNbd.builder().build().fit(s);
        System.out.println(pn + " " + pn.diagnostics().get() + " " + (System.nanoTime() - t0) / 1e6 + " ms");
    }
}
