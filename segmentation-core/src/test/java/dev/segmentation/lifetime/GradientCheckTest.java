package dev.segmentation.lifetime;

import org.junit.jupiter.api.Test;

class GradientCheckTest {
    @Test
    void bgnbd() {
        java.util.Random rnd = new java.util.Random(1);
        int n = 300;
        double[] x = new double[n], tx = new double[n], T = new double[n];
        for (int i = 0; i < n; i++) {
            T[i] = 10 + rnd.nextInt(300);
            x[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(30);
            tx[i] = x[i] == 0 ? 0 : rnd.nextInt((int) T[i] + 1);
        }
        double[] th = {0.8265, 68.9, 0.0034, 6.745};
        double[] g = new double[4];
        BgNbdModel.logLikelihood(th[0], th[1], th[2], th[3], x, tx, T, g);
        for (int k = 0; k < 4; k++) {
            double h = th[k] * 1e-6;
            double[] u = th.clone(); u[k] += h;
            double[] d = th.clone(); d[k] -= h;
            double num = (BgNbdModel.logLikelihood(u[0], u[1], u[2], u[3], x, tx, T, null)
                    - BgNbdModel.logLikelihood(d[0], d[1], d[2], d[3], x, tx, T, null)) / (2 * h);
            System.out.println(k + " analytic " + g[k] + " numeric " + num);
        }
        for (double v : new double[] {0.0034, 0.5, 1, 3.3, 6.7, 20, 48.9, 49.1, 200}) {
            System.out.println("digamma " + v + " " + Special.digamma(v) + " via lnGamma "
                    + (Special.lnGamma(v * (1 + 1e-7)) - Special.lnGamma(v * (1 - 1e-7))) / (2e-7 * v));
        }
    }
}
