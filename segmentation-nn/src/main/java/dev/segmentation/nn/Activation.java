package dev.segmentation.nn;

/**
 * Element-wise activation of a dense layer. Each constant has a stable {@link #id()} used in the persisted state
 * (never the ordinal). Computed by ND4J's native kernels (tanh and the logistic function may differ in the last bit
 * from {@link StrictMath}).
 */
public enum Activation {
    /** The identity. */
    LINEAR(0),
    /** {@code max(0, x)}. */
    RELU(1),
    /** The hyperbolic tangent. */
    TANH(2),
    /** The logistic function {@code 1 / (1 + e^-x)}. */
    SIGMOID(3);

    private final int id;

    Activation(int id) {
        this.id = id;
    }

    /** The stable id stored in a fitted state. */
    public int id() {
        return id;
    }

    /**
     * The activation with stable id {@code id}.
     *
     * @throws IllegalArgumentException when no activation has that id
     */
    public static Activation ofId(int id) {
        for (Activation a : values()) {
            if (a.id == id) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation id " + id);
    }
}
