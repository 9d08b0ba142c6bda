package dev.segmentation;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.FitContext;
import dev.segmentation.fit.ProgressListener;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.pipeline.PipelineStep;
import dev.segmentation.pipeline.StepFit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one loop that walks the steps, for fit and for predict: stage names and seeds, progress (reported from the
 * calling thread), timing, cancellation between steps and the finite checks after each step.
 */
final class Pipeline {
    private Pipeline() {
    }

    /** The fitted steps and the training frame. */
    static final class Fitted {
        final List<FittedStep> steps;
        final Frame frame;

        Fitted(List<FittedStep> steps, Frame frame) {
            this.steps = steps;
            this.frame = frame;
        }
    }

    /**
     * The stage name of every step, in order: feature extractors are {@code features/0}, {@code features/1}...; a
     * stage that repeats gets {@code /2}, {@code /3}... from its second occurrence. Stage seeds derive from these
     * names, so adding a step never shifts another stage's seed.
     */
    static List<String> stageNames(List<String> stages) {
        List<String> out = new ArrayList<>(stages.size());
        Map<String, Integer> seen = new HashMap<>();
        for (String s : stages) {
            int n = seen.merge(s, 1, Integer::sum);
            if (s.equals("features")) {
                out.add("features/" + (n - 1));
            } else {
                out.add(n == 1 ? s : s + "/" + n);
            }
        }
        return out;
    }

    private static String timingKey(String stage) {
        return stage.equals("features") ? "extract" : stage;
    }

    static Fitted fit(List<PipelineStep> steps, Frame start, FitContext ctx, ProgressListener listener,
            Map<String, Long> millis, Map<String, Long> seeds) {
        List<String> stages = new ArrayList<>(steps.size());
        for (PipelineStep s : steps) {
            stages.add(s.stage());
        }
        List<String> names = stageNames(stages);
        List<FittedStep> fitted = new ArrayList<>(steps.size());
        Frame frame = start;
        for (int i = 0; i < steps.size(); i++) {
            ctx.checkCancelled();
            String stage = steps.get(i).stage();
            listener.progress(names.get(i), 0, 1);
            long t = System.nanoTime();
            FitContext stageCtx = ctx.stage(names.get(i));
            seeds.put(names.get(i), stageCtx.seed());
            StepFit f = steps.get(i).fit(frame, stageCtx);
            checkFinite(frame, f.output(), stage);
            frame = f.output();
            fitted.add(f.step());
            millis.merge(timingKey(stage), (System.nanoTime() - t) / 1_000_000, Long::sum);
            listener.progress(names.get(i), 1, 1);
        }
        return new Fitted(List.copyOf(fitted), frame);
    }

    static Frame apply(List<FittedStep> steps, Frame start, FitContext ctx) {
        List<String> stages = new ArrayList<>(steps.size());
        for (FittedStep s : steps) {
            stages.add(s.stage());
        }
        List<String> names = stageNames(stages);
        Frame frame = start;
        for (int i = 0; i < steps.size(); i++) {
            ctx.checkCancelled();
            Frame out = steps.get(i).apply(frame, ctx.stage(names.get(i)));
            checkFinite(frame, out, steps.get(i).stage());
            frame = out;
        }
        return frame;
    }

    /** Refuses a step output with a non-finite feature or representation value, naming the entity and column. */
    private static void checkFinite(Frame before, Frame after, String stage) {
        if (after.hasFeatures() && (!before.hasFeatures() || after.features() != before.features())) {
            requireFinite(after.features(), "feature value");
        }
        if (after.hasRepresentation() && after.rows() > 0
                && (!before.hasRepresentation() || after.representation() != before.representation())) {
            DataMatrix m = after.representation();
            int[] bad = m.firstNonFinite();
            if (bad.length > 0) {
                FeatureTable f = after.features();
                String col = m.cols() == f.cols() ? "feature '" + f.featureName(bad[1]) + "'"
                        : "column " + bad[1];
                String what = stage.equals("scale") ? "scaled value" : stage + " value";
                throw new IllegalArgumentException(what + " of entity '" + f.entityId(bad[0]) + "', " + col + " is "
                        + m.get(bad[0], bad[1])
                        + "; clustering needs finite values (check the extractor's missing-value policy)");
            }
        }
    }

    /** Refuses a table with a non-finite value, naming the entity, the feature and the value. */
    static void requireFinite(FeatureTable t, String what) {
        int[] bad = t.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException(what + " of entity '" + t.entityId(bad[0]) + "', feature '"
                    + t.featureName(bad[1]) + "' is " + t.get(bad[0], bad[1])
                    + "; clustering needs finite values (check the extractor's missing-value policy)");
        }
    }
}
