package dev.segmentation.lifetime;

import dev.segmentation.state.StepState;

/** Shared state parts of the lifetime models: the fit diagnostics and standard errors, when present. */
final class LifetimeStates {
    private LifetimeStates() {
    }

    static void putDiagnostics(StepState.Builder s, FitDiagnostics d, double[] standardErrors) {
        if (d != null) {
            s.put("logLikelihood", d.logLikelihood())
                    .put("relativeGradientNorm", d.relativeGradientNorm())
                    .put("gradient", d.gradient())
                    .put("newtonIterations", (long) d.newtonIterations())
                    .put("evaluations", (long) d.evaluations())
                    .put("customers", (long) d.customers())
                    .put("tolerance", d.tolerance());
        }
        if (standardErrors != null) {
            s.put("standardErrors", standardErrors);
        }
    }

    static FitDiagnostics diagnostics(StepState s) {
        if (!s.parameters().containsKey("logLikelihood")) {
            return null;
        }
        double rel = s.number("relativeGradientNorm");
        double tol = s.number("tolerance");
        return new FitDiagnostics(s.number("logLikelihood"), rel, s.doubles("gradient"), s.integer("newtonIterations"),
                s.integer("evaluations"), s.integer("customers"), rel <= tol, tol);
    }

    static double[] standardErrors(StepState s, int k) {
        if (!s.doubleArrayNames().contains("standardErrors")) {
            return null;
        }
        double[] se = s.doubles("standardErrors");
        if (se.length != k) {
            throw new IllegalArgumentException(s.type() + " state: standardErrors has " + se.length
                    + " values but the model has " + k + " parameters");
        }
        return se;
    }

    static TimeUnit timeUnit(StepState s) {
        String u = s.string("timeUnit");
        try {
            return TimeUnit.valueOf(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(s.type() + " state: unknown timeUnit '" + u + "'", e);
        }
    }
}
