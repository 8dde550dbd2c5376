package io.sadtalker.audio.coeff;

/**
 * {@code scipy.signal.savgol_filter(x, window, polyorder, axis=time, mode='interp')} on float32 columns, arithmetic
 * in float64: the interior is the convolution with the Savitzky-Golay coefficients ({@code savgol_coeffs}, the
 * minimum-norm least-squares solution), the first and last {@code window / 2} samples are the values of a degree
 * {@code polyorder} least-squares polynomial fitted to the first / last {@code window} samples
 * ({@code np.polyfit}/{@code np.polyval}).
 */
final class SavgolFilter {
    private SavgolFilter() {
    }

    /** SadTalker's window rule: 13, or {@code int((T-1)/2)*2+1} when {@code T < 13}. */
    static int sadTalkerWindow(int frames) {
        return frames < 13 ? (frames - 1) / 2 * 2 + 1 : 13;
    }

    /**
     * Filters each of the {@code width} columns of the row-major {@code frames x width} matrix {@code data} in place.
     */
    static void apply(float[] data, int frames, int width, int window, int polyorder) {
        if (window % 2 == 0 || window <= polyorder) {
            throw new IllegalArgumentException("savgol window " + window + " must be odd and exceed polyorder "
                    + polyorder + " (" + frames + " frames)");
        }
        if (window > frames) {
            throw new IllegalArgumentException("savgol window " + window + " exceeds the " + frames + " frames");
        }
        double[] coeffs = coefficients(window, polyorder);
        double[] edgeStart = edgeProjection(window, polyorder, 0);
        double[] edgeEnd = edgeProjection(window, polyorder, window - window / 2);
        int half = window / 2;
        double[] x = new double[frames];
        float[] y = new float[frames];
        for (int c = 0; c < width; c++) {
            for (int t = 0; t < frames; t++) {
                x[t] = data[t * width + c];
            }
            for (int t = half; t < frames - half; t++) {
                double acc = 0;
                for (int k = 0; k < window; k++) {
                    acc += coeffs[k] * x[t - half + k];
                }
                y[t] = (float) acc;
            }
            fitEdge(x, 0, half, 0, edgeStart, window, y);
            fitEdge(x, frames - window, half, frames - half, edgeEnd, window, y);
            for (int t = 0; t < frames; t++) {
                data[t * width + c] = y[t];
            }
        }
    }

    /** {@code savgol_coeffs(window, polyorder)} (deriv 0, use='conv'): symmetric, so also the correlation weights. */
    static double[] coefficients(int window, int polyorder) {
        int half = window / 2;
        int p = polyorder + 1;
        // A[o][k] = x_k^o with x = -half..half; the minimum-norm solution of A c = e0 is c = A^T (A A^T)^-1 e0
        double[][] gram = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double s = 0;
                for (int k = -half; k <= half; k++) {
                    s += Math.pow(k, a + b);
                }
                gram[a][b] = s;
            }
        }
        double[] rhs = new double[p];
        rhs[0] = 1;
        double[] z = solve(gram, rhs);
        double[] c = new double[window];
        for (int k = 0; k < window; k++) {
            double s = 0;
            for (int o = 0; o < p; o++) {
                s += Math.pow(k - half, o) * z[o];
            }
            c[k] = s;
        }
        return c;
    }

    /**
     * Rows {@code from .. from+count-1} of the hat matrix of a degree-{@code polyorder} least-squares fit on the
     * points 0..window-1: fitted values = projection · samples. Flattened {@code count x window}.
     */
    static double[] edgeProjection(int window, int polyorder, int from) {
        int half = window / 2;
        int p = polyorder + 1;
        // column-scaled Vandermonde (as np.polyfit scales its columns), then Gram-Schmidt QR
        double[][] q = new double[p][window];
        for (int o = 0; o < p; o++) {
            double norm = 0;
            for (int k = 0; k < window; k++) {
                q[o][k] = Math.pow(k, o);
                norm += q[o][k] * q[o][k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < window; k++) {
                q[o][k] /= norm;
            }
        }
        for (int o = 0; o < p; o++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < o; j++) {
                    double dot = 0;
                    for (int k = 0; k < window; k++) {
                        dot += q[o][k] * q[j][k];
                    }
                    for (int k = 0; k < window; k++) {
                        q[o][k] -= dot * q[j][k];
                    }
                }
            }
            double norm = 0;
            for (int k = 0; k < window; k++) {
                norm += q[o][k] * q[o][k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < window; k++) {
                q[o][k] /= norm;
            }
        }
        double[] h = new double[half * window];
        for (int r = 0; r < half; r++) {
            for (int k = 0; k < window; k++) {
                double s = 0;
                for (int o = 0; o < p; o++) {
                    s += q[o][from + r] * q[o][k];
                }
                h[r * window + k] = s;
            }
        }
        return h;
    }

    private static void fitEdge(double[] x, int windowStart, int count, int outStart, double[] projection,
                                int window, float[] y) {
        for (int r = 0; r < count; r++) {
            double s = 0;
            for (int k = 0; k < window; k++) {
                s += projection[r * window + k] * x[windowStart + k];
            }
            y[outStart + r] = (float) s;
        }
    }

    /** Gaussian elimination with partial pivoting for the tiny normal system. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double[] v = b.clone();
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tr = m[col];
            m[col] = m[pivot];
            m[pivot] = tr;
            double tv = v[col];
            v[col] = v[pivot];
            v[pivot] = tv;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int k = col; k < n; k++) {
                    m[r][k] -= f * m[col][k];
                }
                v[r] -= f * v[col];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = v[i];
            for (int k = i + 1; k < n; k++) {
                s -= m[i][k] * x[k];
            }
            x[i] = s / m[i][i];
        }
        return x;
    }
}
