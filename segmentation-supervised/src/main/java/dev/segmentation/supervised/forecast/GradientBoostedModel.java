package dev.segmentation.supervised.forecast;

import dev.segmentation.features.Period;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Stateful;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link GradientBoostedForecaster} trained at one origin: forecasts 1..maxHorizon steps from that origin for the
 * entities of a panel with the same period and start, and persists as a versioned binary file
 * ({@link #write}/{@link #read}) holding the settings, the category codes and the engine's model. A model read back,
 * in this JVM or another, gives the same forecasts bit for bit.
 *
 * <p>As a step it persists through {@link #state()} and {@link GradientBoostedForecasterStepFactory} (type
 * {@value GradientBoostedForecasterStepFactory#TYPE}), holding the same binary form. It is not a pipeline
 * {@code FittedStep}: the pipeline's frames carry entity x feature tables, not period panels.
 *
 * <p>Thread-safe (predictions are serialised on the engine); holds native memory until {@link #close()}.
 */
public final class GradientBoostedModel implements AutoCloseable, Stateful {
    static final int MAGIC = 0x47424d46; // "GBMF"
    static final int VERSION = 2;

    private final GradientBoostedForecaster settings;
    private final Period period;
    private final int firstPeriod;
    private final int origin;
    private final List<String> names;
    private final boolean[] categorical;
    private final Map<String, Integer> segmentCodes;
    private final List<ForecastPanel.Level> levels;
    private final List<Map<String, Integer>> levelMaps;
    private final QuantileEngine.Fitted engine;
    private final long trainingRows;
    private final long featureNanos;
    private final long trainingNanos;

    GradientBoostedModel(GradientBoostedForecaster settings, Period period, int firstPeriod, int origin,
            List<String> names, boolean[] categorical, Map<String, Integer> segmentCodes,
            List<ForecastPanel.Level> levels, List<Map<String, Integer>> levelMaps, QuantileEngine.Fitted engine) {
        this(settings, period, firstPeriod, origin, names, categorical, segmentCodes, levels, levelMaps, engine, -1, -1,
                -1);
    }

    GradientBoostedModel(GradientBoostedForecaster settings, Period period, int firstPeriod, int origin,
            List<String> names, boolean[] categorical, Map<String, Integer> segmentCodes,
            List<ForecastPanel.Level> levels, List<Map<String, Integer>> levelMaps, QuantileEngine.Fitted engine,
            long trainingRows, long featureNanos, long trainingNanos) {
        this.trainingRows = trainingRows;
        this.featureNanos = featureNanos;
        this.trainingNanos = trainingNanos;
        this.settings = settings;
        this.period = period;
        this.firstPeriod = firstPeriod;
        this.origin = origin;
        this.names = List.copyOf(names);
        this.categorical = categorical.clone();
        this.segmentCodes = new TreeMap<>(segmentCodes);
        this.levels = List.copyOf(levels);
        this.levelMaps = new ArrayList<>();
        for (Map<String, Integer> m : levelMaps) {
            this.levelMaps.add(new TreeMap<>(m));
        }
        this.engine = engine;
    }

    /** The origin the model was trained at (time index in its panel). */
    public int origin() {
        return origin;
    }

    /**
     * Training rows of the fit that made this model; -1 for a model read back (not persisted: it describes the
     * fit, not the model).
     */
    public long trainingRows() {
        return trainingRows;
    }

    /** Wall nanoseconds spent building the training features in the fit; -1 for a model read back. */
    public long featureBuildNanos() {
        return featureNanos;
    }

    /** Wall nanoseconds spent in the engine's training in the fit; -1 for a model read back. */
    public long trainingNanos() {
        return trainingNanos;
    }

    /** The feature names in column order (unmodifiable). */
    public List<String> featureNames() {
        return Collections.unmodifiableList(names);
    }

    /**
     * Forecasts every entity of {@code panel} for steps 1..horizon from the model's origin.
     *
     * @throws IllegalArgumentException when the panel has another period or start, is shorter than the origin, has an
     *     entity without a segment label or a hierarchy label the model never saw, or horizon is outside
     *     [1, maxHorizon]
     */
    public Forecast forecast(ForecastPanel panel, int horizon) {
        Objects.requireNonNull(panel, "panel");
        if (panel.period() != period || panel.firstPeriod() != firstPeriod) {
            throw new IllegalArgumentException("the panel starts " + panel.period() + " " + panel.date(0) + " but the "
                    + "model was trained on " + period + " periods from " + period.start(firstPeriod));
        }
        if (panel.periodCount() < origin) {
            throw new IllegalArgumentException("the panel has " + panel.periodCount() + " periods, fewer than the "
                    + "model's origin " + origin);
        }
        if (horizon < 1 || horizon > settings.maxHorizon()) {
            throw new IllegalArgumentException("horizon must lie in [1, " + settings.maxHorizon() + "] but was "
                    + horizon);
        }
        int[] seg = segmentCodes(panel, settings.segmentsMap(), segmentCodes, settings.name());
        int[] cls = GradientBoostedForecaster.demandClassCodes(panel, origin);
        int[][] lv = levelCodes(panel, levels, levelMaps);
        return settings.predict(panel, names.size(), engine, origin, horizon, seg, cls, lv);
    }

    static int[] segmentCodes(ForecastPanel panel, Map<String, String> segments, Map<String, Integer> codes,
            String name) {
        if (segments == null) {
            return null;
        }
        int[] out = new int[panel.entityCount()];
        for (int e = 0; e < out.length; e++) {
            String s = segments.get(panel.entityId(e));
            if (s == null) {
                throw new IllegalArgumentException(name + ": entity " + panel.entityId(e) + " has no segment label");
            }
            out[e] = codes.get(s);
        }
        return out;
    }

    static int[][] levelCodes(ForecastPanel panel, List<ForecastPanel.Level> levels,
            List<Map<String, Integer>> maps) {
        int[][] out = new int[levels.size()][];
        for (int l = 0; l < levels.size(); l++) {
            String[] labels = panel.labelArray(levels.get(l));
            if (labels == null) {
                throw new IllegalArgumentException("the panel has no " + levels.get(l) + " labels, a feature of the "
                        + "model");
            }
            out[l] = new int[labels.length];
            for (int e = 0; e < labels.length; e++) {
                Integer c = maps.get(l).get(labels[e]);
                if (c == null) {
                    throw new IllegalArgumentException("entity " + panel.entityId(e) + " has " + levels.get(l)
                            + " label " + labels[e] + ", which the model never saw");
                }
                out[l][e] = c;
            }
        }
        return out;
    }

    /** Writes the model: magic, format version, settings, origin, layout, category codes, engine bytes. */
    public void write(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        settings.writeSettings(d);
        d.writeUTF(period.name());
        d.writeInt(firstPeriod);
        d.writeInt(origin);
        d.writeInt(names.size());
        for (int i = 0; i < names.size(); i++) {
            d.writeUTF(names.get(i));
            d.writeBoolean(categorical[i]);
        }
        writeMap(d, segmentCodes);
        d.writeInt(levels.size());
        for (int l = 0; l < levels.size(); l++) {
            d.writeUTF(levels.get(l).name());
            writeMap(d, levelMaps.get(l));
        }
        byte[] bytes = engine.toBytes();
        d.writeInt(bytes.length);
        d.write(bytes);
        d.flush();
    }

    /** The model as bytes ({@link #write}). */
    public byte[] toBytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            write(b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toByteArray();
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @throws IOException when the stream is not a model file, has an unknown format version or is corrupt
     */
    public static GradientBoostedModel read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int magic = d.readInt();
        if (magic != MAGIC) {
            throw new IOException("not a gradient-boosted forecaster model file (magic " + Integer.toHexString(magic)
                    + ")");
        }
        int version = d.readInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("unsupported model format version " + version + " (this library reads 1 to "
                    + VERSION + ")");
        }
        GradientBoostedForecaster settings = GradientBoostedForecaster.readSettings(d, version);
        Period period;
        try {
            period = Period.valueOf(d.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt model file: " + e.getMessage(), e);
        }
        int firstPeriod = d.readInt();
        int origin = d.readInt();
        int n = GradientBoostedForecaster.checkedLength(d.readInt());
        List<String> names = new ArrayList<>();
        boolean[] categorical = new boolean[n];
        for (int i = 0; i < n; i++) {
            names.add(d.readUTF());
            categorical[i] = d.readBoolean();
        }
        Map<String, Integer> seg = readMap(d);
        int nl = GradientBoostedForecaster.checkedLength(d.readInt());
        List<ForecastPanel.Level> levels = new ArrayList<>();
        List<Map<String, Integer>> maps = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
            try {
                levels.add(ForecastPanel.Level.valueOf(d.readUTF()));
            } catch (IllegalArgumentException e) {
                throw new IOException("corrupt model file: " + e.getMessage(), e);
            }
            maps.add(readMap(d));
        }
        byte[] bytes = new byte[GradientBoostedForecaster.checkedLength(d.readInt())];
        d.readFully(bytes);
        QuantileEngine.Fitted engine = XgbQuantileRegressor.load(bytes, categorical, settings.quantiles().length);
        return new GradientBoostedModel(settings, period, firstPeriod, origin, names, categorical, seg, levels, maps,
                engine);
    }

    /** The model as a step state: parameters {@code origin}, {@code name}, {@code modelBytes} and the packed bytes. */
    @Override
    public StepState state() {
        byte[] b = toBytes();
        int[] packed = new int[(b.length + 3) / 4];
        for (int i = 0; i < b.length; i++) {
            packed[i >> 2] |= (b[i] & 0xff) << (24 - 8 * (i & 3));
        }
        return StepState.builder(GradientBoostedForecasterStepFactory.TYPE, GradientBoostedForecasterStepFactory.VERSION)
                .put("origin", origin).put("name", settings.name()).put("modelBytes", b.length).put("model", packed)
                .build();
    }

    static GradientBoostedModel restore(StepState s) {
        int n = s.integer("modelBytes");
        int[] packed = s.ints("model");
        if (n < 0 || (n + 3) / 4 != packed.length) {
            throw new IllegalArgumentException(GradientBoostedForecasterStepFactory.TYPE + " state: modelBytes " + n
                    + " does not match " + packed.length + " packed ints");
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (packed[i >> 2] >>> (24 - 8 * (i & 3)));
        }
        try {
            return fromBytes(b);
        } catch (IOException e) {
            throw new IllegalArgumentException(GradientBoostedForecasterStepFactory.TYPE + " state: " + e.getMessage(),
                    e);
        }
    }

    /** Reads a model from bytes ({@link #read}). */
    public static GradientBoostedModel fromBytes(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    private static void writeMap(DataOutputStream d, Map<String, Integer> m) throws IOException {
        d.writeInt(m.size());
        for (Map.Entry<String, Integer> x : new TreeMap<>(m).entrySet()) {
            d.writeUTF(x.getKey());
            d.writeInt(x.getValue());
        }
    }

    private static Map<String, Integer> readMap(DataInputStream d) throws IOException {
        int n = GradientBoostedForecaster.checkedLength(d.readInt());
        Map<String, Integer> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put(d.readUTF(), d.readInt());
        }
        return m;
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "GradientBoostedModel[" + settings.name() + ", origin " + origin + ", " + names.size() + " features]";
    }
}
