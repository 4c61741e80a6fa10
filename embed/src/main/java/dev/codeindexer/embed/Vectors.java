package dev.codeindexer.embed;

/** Arithmetic on embedding vectors shared by the providers. */
public final class Vectors {
    private Vectors() {
    }

    /**
     * Scales {@code v} in place to unit L2 norm and returns it, so that cosine similarity is the dot product.
     *
     * @throws EmbeddingException if {@code v} is all zeros or not finite, which no working model produces
     */
    public static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new EmbeddingException("the model returned a zero or non-finite vector of length " + v.length
                    + "; the model file or server is broken");
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** Dot product; for normalized vectors, their cosine similarity. */
    public static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of length " + a.length + " and " + b.length);
        }
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
