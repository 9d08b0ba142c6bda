package dev.segmentation.supervised;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Time-based splits: train on the rows before a cut-off, test on the rows from it on, so a model is judged on rows
 * later than everything it learnt from (what scoring next month's customers means). The time of a row is any
 * ordered integer the caller chooses: an epoch day (see {@link #epochDays(LocalDate[])}), a week or month index, the
 * day of a customer's first purchase (a cohort split: customers acquired later).
 *
 * <p>{@link #before(long[], long)} gives one split; {@link #rolling(long[], long, long, long, int)} gives several
 * with an expanding training window (scikit-learn's {@code TimeSeriesSplit} with a time axis instead of row counts):
 * split i trains on {@code t < c_i} and tests on {@code c_i <= t < c_i + horizon}, {@code c_i = first + i x step}.
 * Rows are never shuffled; training and test rows are in increasing row order.
 *
 * <p>O(n) per split. Deterministic. Stateless and thread-safe.
 */
public final class TimeSplit {
    private TimeSplit() {
    }

    /**
     * One split.
     *
     * @param cutoff the first time of the test window
     * @param end the first time after the test window ({@link Long#MAX_VALUE} for an open window)
     * @param train the training rows (time below {@code cutoff}), increasing
     * @param test the test rows (time in {@code [cutoff, end)}), increasing
     */
    public record Split(long cutoff, long end, int[] train, int[] test) {
        /** A defensive copy of the arrays. */
        public Split {
            train = train.clone();
            test = test.clone();
        }

        /** The training rows (a copy). */
        @Override
        public int[] train() {
            return train.clone();
        }

        /** The test rows (a copy). */
        @Override
        public int[] test() {
            return test.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Split s && s.cutoff == cutoff && s.end == end && Arrays.equals(s.train, train)
                    && Arrays.equals(s.test, test);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(cutoff) * 31 + Arrays.hashCode(test);
        }

        @Override
        public String toString() {
            return "Split[cutoff=" + cutoff + (end == Long.MAX_VALUE ? "" : ", end=" + end) + ", train="
                    + train.length + " rows, test=" + test.length + " rows]";
        }
    }

    /**
     * The epoch day of each date, as row times.
     *
     * @throws NullPointerException when a date is null (naming the row)
     */
    public static long[] epochDays(LocalDate[] dates) {
        Objects.requireNonNull(dates, "dates");
        long[] out = new long[dates.length];
        for (int i = 0; i < dates.length; i++) {
            out[i] = Objects.requireNonNull(dates[i], "dates[" + i + "]").toEpochDay();
        }
        return out;
    }

    /**
     * Trains on the rows with time below {@code cutoff}, tests on the others.
     *
     * @throws IllegalArgumentException when no row is before the cut-off or none is at or after it (giving the
     *     cut-off and the range of the times)
     */
    public static Split before(long[] times, long cutoff) {
        return window(times, cutoff, Long.MAX_VALUE);
    }

    /**
     * Trains on the rows dated before {@code cutoff}, tests on the others.
     *
     * @throws IllegalArgumentException as {@link #before(long[], long)}
     */
    public static Split before(LocalDate[] dates, LocalDate cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return before(epochDays(dates), cutoff.toEpochDay());
    }

    /**
     * {@code splits} splits with an expanding training window: split i trains on {@code t < first + i x step} and
     * tests on the {@code horizon} time units from there.
     *
     * @throws IllegalArgumentException when step or horizon is below 1, splits is below 1, or a split would have no
     *     training or no test row (naming the split and its window)
     */
    public static List<Split> rolling(long[] times, long first, long step, long horizon, int splits) {
        Objects.requireNonNull(times, "times");
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1 but was " + step);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1 but was " + horizon);
        }
        if (splits < 1) {
            throw new IllegalArgumentException("splits must be >= 1 but was " + splits);
        }
        List<Split> out = new ArrayList<>(splits);
        for (int i = 0; i < splits; i++) {
            long cutoff = Math.addExact(first, Math.multiplyExact(step, (long) i));
            long end = Math.addExact(cutoff, horizon);
            try {
                out.add(window(times, cutoff, end));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rolling split " + i + " of " + splits + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private static Split window(long[] times, long cutoff, long end) {
        Objects.requireNonNull(times, "times");
        int nTrain = 0;
        int nTest = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : times) {
            min = Math.min(min, t);
            max = Math.max(max, t);
            if (t < cutoff) {
                nTrain++;
            } else if (t < end) {
                nTest++;
            }
        }
        String window = end == Long.MAX_VALUE ? "at or after " + cutoff : "in [" + cutoff + ", " + end + ")";
        String range = times.length == 0 ? "there are no rows" : "times range from " + min + " to " + max;
        if (nTrain == 0) {
            throw new IllegalArgumentException("no row is before the cut-off " + cutoff + " (" + range + ")");
        }
        if (nTest == 0) {
            throw new IllegalArgumentException("no row is " + window + " (" + range + ")");
        }
        int[] train = new int[nTrain];
        int[] test = new int[nTest];
        int a = 0;
        int b = 0;
        for (int i = 0; i < times.length; i++) {
            if (times[i] < cutoff) {
                train[a++] = i;
            } else if (times[i] < end) {
                test[b++] = i;
            }
        }
        return new Split(cutoff, end, train, test);
    }
}
