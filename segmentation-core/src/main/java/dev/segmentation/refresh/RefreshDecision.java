package dev.segmentation.refresh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link RefreshBaseline} decided for a new window, with the figures behind it, for a report. Immutable and
 * thread-safe; array accessors return copies.
 */
public final class RefreshDecision {
    /** The two outcomes. */
    public enum Action {
        /** Keep the saved model and score the new window with it. */
        RESCORE,
        /** Refit (warm-started, see {@link WarmStart}). */
        REFIT
    }

    private final Action action;
    private final List<String> reasons;
    private final List<String> features;
    private final double[] psi;
    private final double[] ks;
    private final int entities;
    private final double farFraction;
    private final double qualityLoss;
    private final RefreshPolicy policy;

    RefreshDecision(Action action, List<String> reasons, List<String> features, double[] psi, double[] ks,
            int entities, double farFraction, double qualityLoss, RefreshPolicy policy) {
        this.action = action;
        this.reasons = List.copyOf(reasons);
        this.features = List.copyOf(features);
        this.psi = psi;
        this.ks = ks;
        this.entities = entities;
        this.farFraction = farFraction;
        this.qualityLoss = qualityLoss;
        this.policy = policy;
    }

    /** Re-score or refit. */
    public Action action() {
        return action;
    }

    /** One sentence per threshold that was crossed (empty for {@link Action#RESCORE}). */
    public List<String> reasons() {
        return reasons;
    }

    /** The features, in the order of {@link #psi()} and {@link #ks()}. */
    public List<String> features() {
        return features;
    }

    /** PSI of each feature against the training deciles (a copy). */
    public double[] psi() {
        return psi.clone();
    }

    /** Kolmogorov-Smirnov statistic of each feature against the training summary (a copy). */
    public double[] ks() {
        return ks.clone();
    }

    /** The largest PSI (0 without features). */
    public double maxPsi() {
        double m = 0;
        for (double v : psi) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** The largest KS statistic (0 without features). */
    public double maxKs() {
        double m = 0;
        for (double v : ks) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Entities of the new window that were scored. */
    public int entities() {
        return entities;
    }

    /** Share of the scored entities far from every segment (or predicted as noise). */
    public double farFraction() {
        return farFraction;
    }

    /** The saved model's quality loss on the new window (see {@link RefreshPolicy}). */
    public double qualityLoss() {
        return qualityLoss;
    }

    /** The policy that decided. */
    public RefreshPolicy policy() {
        return policy;
    }

    /** The decision and its figures as lines of text. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "decision: %s (%d entities; max PSI %.3f of %.3f, max KS %.3f of %.3f, "
                + "far %.1f%% of %.1f%%, quality loss %.3f of %.3f)", action, entities, maxPsi(), policy.maxPsi(),
                maxKs(), policy.maxKs(), 100 * farFraction, 100 * policy.maxFarFraction(), qualityLoss,
                policy.maxQualityLoss()));
        for (int j = 0; j < features.size(); j++) {
            out.add(String.format(Locale.ROOT, "  %-20s PSI %.3f  KS %.3f", features.get(j), psi[j], ks[j]));
        }
        for (String r : reasons) {
            out.add("  refit because " + r);
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RefreshDecision[%s, max PSI %.3f, max KS %.3f, far %.4f, quality loss "
                + "%.4f]", action, maxPsi(), maxKs(), farFraction, qualityLoss);
    }
}
