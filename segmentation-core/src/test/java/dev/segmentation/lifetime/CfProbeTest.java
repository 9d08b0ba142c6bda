package dev.segmentation.lifetime;

import org.junit.jupiter.api.Test;

class CfProbeTest {
    @Test
    void probe() {
        double worst = 0;
        for (double a : new double[] {0.05, 0.5, 0.83, 1, 2.5, 10.8, 50, 300}) {
            for (double b : new double[] {0.01, 0.5, 0.83, 1, 1.0000001, 3.3, 11, 200}) {
                for (double z : new double[] {1e-6, 0.1, 0.5, 0.9, 0.958, 0.99, 0.999}) {
                    if (b > a + 1) {
                        continue;
                    }
                    double s = Special.lnHyp2f1APlusOne(a, b, z);
                    double c = Special.lnHyp2f1APlusOneCf(a, b, z, 1_000_000);
                    double rel = Math.abs(s - c) / Math.max(1, Math.abs(s));
                    worst = Math.max(worst, rel);
                    if (rel > 1e-13) {
                        System.out.println(a + " " + b + " " + z + " series " + s + " cf " + c);
                    }
                }
            }
        }
        System.out.println("worst " + worst);
    }
}
