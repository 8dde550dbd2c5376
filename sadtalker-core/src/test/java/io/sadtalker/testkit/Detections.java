package io.sadtalker.testkit;

import java.util.Arrays;
import java.util.Locale;

/**
 * The two RetinaFace detection metrics of the fixtures README (section 3) on (N,15) rows
 * {@code [x1, y1, x2, y2, score, 5 x (x, y)]}.
 */
final class Detections {
    private static final int SCORE = 4;
    private static final int COLUMNS = 15;

    private Detections() {
    }

    /** Post-processing parity: same count (within count_diff), same order, coordinates and scores within tolerance. */
    static void postprocess(String what, ToleranceRule r, HostTensor e, HostTensor a) {
        int ne = rows(what, e, "expected");
        int na = rows(what, a, "actual");
        if (Math.abs(na - ne) > r.value("count_diff")) {
            throw new AssertionError(what + " fails " + r.describe() + ": " + na + " detections, expected " + ne);
        }
        for (int row = 0; row < Math.min(ne, na); row++) {
            compareRow(what + " fails " + r.describe(), e, a, row, row, r.value("atol_px"), r.value("score_atol"));
        }
    }

    /** End to end: count within max(min, ceil(fraction N)), IoU matching in order, the first face tight. */
    static void endToEnd(String what, ToleranceRule r, HostTensor e, HostTensor a) {
        int ne = rows(what, e, "expected");
        int na = rows(what, a, "actual");
        String fail = what + " fails " + r.describe();
        long allowed = Math.max((long) r.value("max_count_diff_min"), (long) Math.ceil(r.value("max_count_diff_fraction") * ne));
        if (Math.abs(na - ne) > allowed) {
            throw new AssertionError(fail + ": " + na + " detections, expected " + ne + " (allowed difference " + allowed + ")");
        }
        boolean[] used = new boolean[na];
        int unmatched = 0;
        for (int i = 0; i < ne; i++) {
            int best = -1;
            double bestIou = -1;
            for (int j = 0; j < na; j++) {
                double iou = iou(e, i, a, j);
                if (!used[j] && iou > bestIou) {
                    best = j;
                    bestIou = iou;
                }
            }
            if (best >= 0 && bestIou >= r.value("min_iou")) {
                used[best] = true;
            } else {
                unmatched++;
            }
        }
        if (unmatched > allowed) {
            throw new AssertionError(fail + ": " + unmatched + " expected detections unmatched (allowed " + allowed + ")");
        }
        if (ne > 0) {
            if (na == 0) {
                throw new AssertionError(fail + ": no detection, expected " + ne);
            }
            double iou = iou(e, 0, a, 0);
            if (iou < r.value("first_min_iou")) {
                throw new AssertionError(String.format(Locale.ROOT, "%s: first detection IoU %.6g < %s; expected %s, actual %s",
                        fail, iou, r.value("first_min_iou"), Arrays.toString(row(e, 0)), Arrays.toString(row(a, 0))));
            }
            compareRow(fail + " (first detection)", e, a, 0, 0, r.value("first_atol_px"), r.value("first_score_atol"));
        }
    }

    private static void compareRow(String fail, HostTensor e, HostTensor a, int re, int ra, double atolPx, double scoreAtol) {
        double[] ev = row(e, re);
        double[] av = row(a, ra);
        for (int col = 0; col < COLUMNS; col++) {
            double tol = col == SCORE ? scoreAtol : atolPx;
            double d = Math.abs(av[col] - ev[col]);
            if (!(d <= tol)) {
                throw new AssertionError(String.format(Locale.ROOT, "%s: row %d column %d differs by %.6g (tolerance %s):"
                        + " expected %s, actual %s", fail, re, col, d, tol, Arrays.toString(ev), Arrays.toString(av)));
            }
        }
    }

    /** Intersection over union of the two boxes (continuous coordinates). */
    private static double iou(HostTensor x, int i, HostTensor y, int j) {
        double[] p = row(x, i);
        double[] q = row(y, j);
        double iw = Math.max(0, Math.min(p[2], q[2]) - Math.max(p[0], q[0]));
        double ih = Math.max(0, Math.min(p[3], q[3]) - Math.max(p[1], q[1]));
        double inter = iw * ih;
        double union = (p[2] - p[0]) * (p[3] - p[1]) + (q[2] - q[0]) * (q[3] - q[1]) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private static double[] row(HostTensor t, int row) {
        return Arrays.copyOfRange(t.data(), row * COLUMNS, row * COLUMNS + COLUMNS);
    }

    private static int rows(String what, HostTensor t, String which) {
        long[] s = t.shape();
        if (s.length != 2 || s[1] != COLUMNS) {
            throw new AssertionError(what + ": " + which + " detections must be (N,15), got " + Arrays.toString(s));
        }
        return (int) s[0];
    }
}
