package dev.segmentation.state;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fitted state of a step as plain data, so a persistence module can write and read it without knowing the
 * step's classes: a type id (e.g. {@code "pca"}, {@code "autoencoder"}), a format version, scalar parameters
 * (strings and numbers), named primitive arrays ({@code double[]} and {@code int[]}) and named string lists (feature
 * names, say).
 *
 * <p>A step rebuilds itself from its state with the {@link StepFactory} registered for its type id (see
 * {@link Steps#restore(StepState)}). Names keep their insertion order, so the same step always gives the same
 * state. Immutable and thread-safe; array accessors return copies. Building a state costs O(total array length).
 */
public final class StepState {
    private final String type;
    private final int version;
    private final Map<String, Object> parameters;
    private final Map<String, double[]> doubles;
    private final Map<String, int[]> ints;
    private final Map<String, List<String>> strings;

    private StepState(Builder b) {
        this.type = b.type;
        this.version = b.version;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        LinkedHashMap<String, double[]> d = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : b.doubles.entrySet()) {
            d.put(e.getKey(), e.getValue().clone());
        }
        this.doubles = Collections.unmodifiableMap(d);
        LinkedHashMap<String, int[]> i = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : b.ints.entrySet()) {
            i.put(e.getKey(), e.getValue().clone());
        }
        this.ints = Collections.unmodifiableMap(i);
        this.strings = Collections.unmodifiableMap(new LinkedHashMap<>(b.strings));
    }

    /**
     * A builder for a state of step type {@code type} in format {@code version}.
     *
     * @throws IllegalArgumentException when the type is blank or the version is below 1
     */
    public static Builder builder(String type, int version) {
        return new Builder(type, version);
    }

    /** The step's type id, e.g. {@code "pca"}. */
    public String type() {
        return type;
    }

    /** The format version of this state (starts at 1; a factory refuses versions it does not know). */
    public int version() {
        return version;
    }

    /** Scalar parameters by name in insertion order; each value is a {@link String}, {@link Long} or {@link Double}. */
    public Map<String, Object> parameters() {
        return parameters;
    }

    /** Names of the {@code double[]} arrays in insertion order. */
    public Set<String> doubleArrayNames() {
        return doubles.keySet();
    }

    /** Names of the {@code int[]} arrays in insertion order. */
    public Set<String> intArrayNames() {
        return ints.keySet();
    }

    /** Names of the string lists in insertion order. */
    public Set<String> stringListNames() {
        return strings.keySet();
    }

    /**
     * The string list {@code name} (unmodifiable).
     *
     * @throws IllegalArgumentException when there is no such list
     */
    public List<String> strings(String name) {
        Objects.requireNonNull(name, "name");
        List<String> a = strings.get(name);
        if (a == null) {
            throw new IllegalArgumentException(type + " state: string list '" + name + "' is missing");
        }
        return a;
    }

    /**
     * The string parameter {@code name}.
     *
     * @throws IllegalArgumentException when it is absent or not a string
     */
    public String string(String name) {
        Object v = parameter(name);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException(type + " state: parameter '" + name + "' is not a string but " + v);
        }
        return (String) v;
    }

    /**
     * The numeric parameter {@code name} as a double.
     *
     * @throws IllegalArgumentException when it is absent or not a number
     */
    public double number(String name) {
        Object v = parameter(name);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(type + " state: parameter '" + name + "' is not a number but " + v);
        }
        return ((Number) v).doubleValue();
    }

    /**
     * The integer parameter {@code name}.
     *
     * @throws IllegalArgumentException when it is absent or not an integer that fits an int
     */
    public int integer(String name) {
        Object v = parameter(name);
        if (!(v instanceof Long) || (Long) v != ((Long) v).intValue()) {
            throw new IllegalArgumentException(type + " state: parameter '" + name + "' is not an int but " + v);
        }
        return ((Long) v).intValue();
    }

    /**
     * The integer parameter {@code name} as a long (e.g. a seed).
     *
     * @throws IllegalArgumentException when it is absent or not an integer
     */
    public long longValue(String name) {
        Object v = parameter(name);
        if (!(v instanceof Long)) {
            throw new IllegalArgumentException(type + " state: parameter '" + name + "' is not an integer but " + v);
        }
        return (Long) v;
    }

    private Object parameter(String name) {
        Objects.requireNonNull(name, "name");
        Object v = parameters.get(name);
        if (v == null) {
            throw new IllegalArgumentException(type + " state: parameter '" + name + "' is missing");
        }
        return v;
    }

    /**
     * A copy of the {@code double[]} array {@code name}.
     *
     * @throws IllegalArgumentException when there is no such array
     */
    public double[] doubles(String name) {
        Objects.requireNonNull(name, "name");
        double[] a = doubles.get(name);
        if (a == null) {
            throw new IllegalArgumentException(type + " state: double array '" + name + "' is missing");
        }
        return a.clone();
    }

    /**
     * A copy of the {@code int[]} array {@code name}.
     *
     * @throws IllegalArgumentException when there is no such array
     */
    public int[] ints(String name) {
        Objects.requireNonNull(name, "name");
        int[] a = ints.get(name);
        if (a == null) {
            throw new IllegalArgumentException(type + " state: int array '" + name + "' is missing");
        }
        return a.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StepState)) {
            return false;
        }
        StepState s = (StepState) o;
        if (!type.equals(s.type) || version != s.version || !parameters.equals(s.parameters)
                || !doubles.keySet().equals(s.doubles.keySet()) || !ints.keySet().equals(s.ints.keySet())
                || !strings.equals(s.strings)) {
            return false;
        }
        for (Map.Entry<String, double[]> e : doubles.entrySet()) {
            if (!Arrays.equals(e.getValue(), s.doubles.get(e.getKey()))) {
                return false;
            }
        }
        for (Map.Entry<String, int[]> e : ints.entrySet()) {
            if (!Arrays.equals(e.getValue(), s.ints.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(type, version, parameters, strings);
        for (Map.Entry<String, double[]> e : doubles.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + Arrays.hashCode(e.getValue());
        }
        for (Map.Entry<String, int[]> e : ints.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "StepState[" + type + " v" + version + ", parameters=" + parameters + ", doubles=" + doubles.keySet()
                + ", ints=" + ints.keySet() + (strings.isEmpty() ? "" : ", strings=" + strings.keySet()) + "]";
    }

    /**
     * Collects the parts of a {@link StepState}. Each name may be used once across parameters and arrays; values
     * are checked at once. Not thread-safe; {@link #build()} may be called again and copies the arrays.
     */
    public static final class Builder {
        private final String type;
        private final int version;
        private final LinkedHashMap<String, Object> parameters = new LinkedHashMap<>();
        private final LinkedHashMap<String, double[]> doubles = new LinkedHashMap<>();
        private final LinkedHashMap<String, int[]> ints = new LinkedHashMap<>();
        private final LinkedHashMap<String, List<String>> strings = new LinkedHashMap<>();

        private Builder(String type, int version) {
            Objects.requireNonNull(type, "type");
            if (type.isBlank()) {
                throw new IllegalArgumentException("type must not be blank but was '" + type + "'");
            }
            if (version < 1) {
                throw new IllegalArgumentException("version must be >= 1 but was " + version);
            }
            this.type = type;
            this.version = version;
        }

        private void checkName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank but was '" + name + "'");
            }
            if (parameters.containsKey(name) || doubles.containsKey(name) || ints.containsKey(name)
                    || strings.containsKey(name)) {
                throw new IllegalArgumentException("name '" + name + "' is already used in this " + type + " state");
            }
        }

        /** Adds a string parameter. */
        public Builder put(String name, String value) {
            Objects.requireNonNull(value, "value");
            checkName(name);
            parameters.put(name, value);
            return this;
        }

        /** Adds an integer parameter (stored as a {@link Long}). */
        public Builder put(String name, long value) {
            checkName(name);
            parameters.put(name, value);
            return this;
        }

        /**
         * Adds a real parameter.
         *
         * @throws IllegalArgumentException when {@code value} is NaN (infinities are allowed)
         */
        public Builder put(String name, double value) {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("parameter '" + name + "' must not be NaN");
            }
            checkName(name);
            parameters.put(name, value);
            return this;
        }

        /** Adds a {@code double[]} array (copied). */
        public Builder put(String name, double[] values) {
            Objects.requireNonNull(values, "values");
            checkName(name);
            doubles.put(name, values.clone());
            return this;
        }

        /** Adds an {@code int[]} array (copied). */
        public Builder put(String name, int[] values) {
            Objects.requireNonNull(values, "values");
            checkName(name);
            ints.put(name, values.clone());
            return this;
        }

        /**
         * Adds a list of strings (copied), e.g. feature names.
         *
         * @throws NullPointerException when the list or an element is null
         */
        public Builder putStrings(String name, List<String> values) {
            Objects.requireNonNull(values, "values");
            for (int k = 0; k < values.size(); k++) {
                Objects.requireNonNull(values.get(k), "values[" + k + "]");
            }
            checkName(name);
            strings.put(name, List.copyOf(values));
            return this;
        }

        /** The state collected so far. */
        public StepState build() {
            return new StepState(this);
        }
    }
}
