package io.sadtalker.testkit;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares an actual tensor with a case's expected tensor under the case's tolerance rules (fixtures README
 * section 3). A failure is an {@link AssertionError} naming the case, the tensor, the metric, the worst element
 * (multi-dimensional index, expected, actual) and the error against its tolerance. A shape mismatch fails.
 *
 * <p>Detection metrics ({@code detections_postprocess}, {@code detections_end_to_end}) compare different actual
 * results (post-processing of the expected heads vs. the port end to end), so they run only through
 * {@link #checkMetric}; {@link #check} refuses a tensor that carries them.
 */
public final class ParityAssert {
    private static final Pattern ARGMAX = Pattern.compile("argmax\\(axis=(-?\\d+)\\).*");
    private static final List<String> DETECTION_METRICS = List.of("detections_postprocess", "detections_end_to_end");

    private ParityAssert() {
    }

    /** Checks {@code actual} against expected tensor {@code name} of case {@code c}. */
    public static void check(FixtureCase c, String name, NDArray actual) {
        check(c, name, HostTensor.of(actual));
    }

    /** Checks row-major {@code actual} values of shape {@code shape}. */
    public static void check(FixtureCase c, String name, float[] actual, long... shape) {
        check(c, name, HostTensor.of(actual, shape));
    }

    /** Checks row-major {@code actual} values of shape {@code shape}. */
    public static void check(FixtureCase c, String name, double[] actual, long... shape) {
        check(c, name, HostTensor.of(actual, shape));
    }

    /** Checks row-major {@code actual} values of shape {@code shape} (indices, uint8 pixels). */
    public static void check(FixtureCase c, String name, int[] actual, long... shape) {
        check(c, name, HostTensor.of(actual, shape));
    }

    /** Checks {@code actual} against expected tensor {@code name} under every rule of that tensor. */
    public static void check(FixtureCase c, String name, HostTensor actual) {
        List<ToleranceRule> rules = rules(c, name);
        for (ToleranceRule r : rules) {
            if (DETECTION_METRICS.contains(r.metric())) {
                throw new AssertionError(c + ": tensor '" + name + "' has metric " + r.metric()
                        + ": use ParityAssert.checkMetric(case, name, metric, actual) for each of its rules");
            }
        }
        if (rules.size() == 1 && rules.get(0).metric().equals("skip")) {
            return;
        }
        HostTensor expected = c.expectedHost(name);
        for (ToleranceRule r : rules) {
            apply(c + ": tensor '" + name + "'", r, expected, actual);
        }
    }

    /**
     * The outputs of the code under test, by name, computed when asked for; null for a name the test does not
     * produce.
     */
    @FunctionalInterface
    public interface Outputs {
        /** Output {@code name} (an expected tensor's name, or the {@code of} of a derived one). */
        HostTensor get(String name) throws Exception;

        /**
         * The actual result a detection metric of tensor {@code name} compares (they compare different results,
         * see the class comment); by default {@link #get(String)}.
         */
        default HostTensor get(String name, String metric) throws Exception {
            return get(name);
        }
    }

    /**
     * Checks exactly the expected tensors the case lists, each under its own rules: a derived tensor is cut from
     * output {@code of}. Fails when a listed tensor has no output; outputs the case does not list are never asked
     * for.
     */
    public static void checkAll(FixtureCase c, Outputs outputs) throws Exception {
        check(c, outputs, true);
    }

    /**
     * Checks the expected tensors the case lists that {@code outputs} produces (for a test of part of a stage,
     * such as the preprocessing head of a pipeline case); fails when it produces none of them.
     */
    public static void checkListed(FixtureCase c, Outputs outputs) throws Exception {
        check(c, outputs, false);
    }

    private static void check(FixtureCase c, Outputs outputs, boolean all) throws Exception {
        Map<String, HostTensor> computed = new HashMap<>();
        int checked = 0;
        for (String name : c.expectedNames()) {
            String of = Json.text(c.json().path("expected").path(name).path("derived"), "of");
            String source = of != null ? of : name;
            List<ToleranceRule> rules = rules(c, name);
            if (rules.stream().anyMatch(r -> DETECTION_METRICS.contains(r.metric()))) {
                for (String metric : rules.stream().map(ToleranceRule::metric).distinct().toList()) {
                    HostTensor actual = outputs.get(name, metric);
                    if (actual == null) {
                        if (all) {
                            throw new AssertionError(c + ": no output for expected tensor '" + name + "' (" + metric + ")");
                        }
                        continue;
                    }
                    checkMetric(c, name, metric, actual);
                    checked++;
                }
                continue;
            }
            HostTensor actual = computed.containsKey(source) ? computed.get(source) : outputs.get(source);
            computed.put(source, actual);
            if (actual == null) {
                if (all) {
                    throw new AssertionError(c + ": the test produces no output '" + source + "' for expected tensor '"
                            + name + "'");
                }
                continue;
            }
            check(c, name, of != null ? derive(c, name, actual) : actual);
            checked++;
        }
        if (checked == 0) {
            throw new AssertionError(c + ": none of the expected tensors " + c.expectedNames() + " was checked");
        }
    }

    /**
     * Compares an {@code info} value of the case ({@code recorded}) with the port's {@code actual} under the rules
     * of expected tensor {@code name}, which holds the same quantity (an info value is never compared tighter).
     * Does nothing when the case does not list {@code name}.
     */
    public static void checkInfo(FixtureCase c, String what, String name, HostTensor recorded, HostTensor actual) {
        if (!c.expectedNames().contains(name)) {
            return;
        }
        for (ToleranceRule r : rules(c, name)) {
            apply(c + ": info " + what + " (at the rule of '" + name + "')", r, recorded, actual);
        }
    }

    /** Checks {@code actual} under only the rules of tensor {@code name} whose metric is {@code metric}. */
    public static void checkMetric(FixtureCase c, String name, String metric, HostTensor actual) {
        List<ToleranceRule> rules = rules(c, name).stream().filter(r -> r.metric().equals(metric)).toList();
        if (rules.isEmpty()) {
            throw new AssertionError(c + ": tensor '" + name + "' has no rule with metric " + metric);
        }
        HostTensor expected = c.expectedHost(name);
        for (ToleranceRule r : rules) {
            apply(c + ": tensor '" + name + "'", r, expected, actual);
        }
    }

    /**
     * Cuts expected tensor {@code name}'s {@code derived} spec ({@code slice}, or {@code slices} +
     * {@code concat_axis}, then {@code op} such as {@code argmax(axis=0)}) out of the full output and checks it.
     * An output the original returns as a list is passed stacked along a new axis 0.
     */
    public static void checkDerived(FixtureCase c, String name, NDArray fullOutput) {
        check(c, name, derive(c, name, HostTensor.of(fullOutput)));
    }

    /** The derived tensor {@code name} cut from {@code full} as case.json describes. */
    public static HostTensor derive(FixtureCase c, String name, HostTensor full) {
        JsonNode d = c.json().path("expected").path(name).path("derived");
        if (d.isMissingNode()) {
            throw new IllegalStateException(c + ": expected tensor '" + name + "' is not derived");
        }
        HostTensor out;
        if (d.has("slices")) {
            List<HostTensor> parts = new ArrayList<>();
            for (JsonNode s : d.get("slices")) {
                parts.add(full.slice(NumpySlice.parse(s.asText())));
            }
            out = HostTensor.concat(parts, Json.require(d, "concat_axis", c + " derived " + name).asInt());
        } else {
            out = full.slice(NumpySlice.parse(Json.require(d, "slice", c + " derived " + name).asText()));
        }
        String op = Json.text(d, "op");
        if (op != null) {
            Matcher m = ARGMAX.matcher(op.strip());
            if (!m.matches()) {
                throw new IllegalStateException(c + ": unknown derived op '" + op + "' of '" + name + "'");
            }
            out = out.argmax(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    /** The rules of tensor {@code name}: {@code per_tensor[name]} if present, else {@code default}. */
    public static List<ToleranceRule> rules(FixtureCase c, String name) {
        JsonNode expected = c.json().path("expected");
        if (!expected.has(name)) {
            throw new IllegalStateException(c + ": no expected tensor '" + name + "' (has " + c.expectedNames() + ")");
        }
        JsonNode tolerance = c.json().path("tolerance");
        JsonNode rule = tolerance.path("per_tensor").get(name);
        if (rule == null || rule.isNull()) {
            rule = tolerance.get("default");
        }
        if (rule == null || rule.isNull()) {
            throw new IllegalStateException(c + ": no tolerance for '" + name + "' (default is null)");
        }
        return ToleranceRule.parseAll(rule, c + " tolerance of '" + name + "'");
    }

    private static void apply(String what, ToleranceRule r, HostTensor e, HostTensor a) {
        if (r.metric().equals("skip")) {
            return;
        }
        if (r.metric().equals("sliced")) {
            requireShape(what, e, a);
            for (ToleranceRule part : r.slices()) {
                NumpySlice s = part.slice();
                apply(what + " slice " + s, part, e.slice(s), a.slice(s));
            }
            return;
        }
        if (r.metric().equals("detections_postprocess")) {
            Detections.postprocess(what, r, e, a);
            return;
        }
        if (r.metric().equals("detections_end_to_end")) {
            Detections.endToEnd(what, r, e, a);
            return;
        }
        requireShape(what, e, a);
        switch (r.metric()) {
            case "max_abs" -> maxAbs(what, r, e, a, r.value("atol"));
            case "max_abs_u8" -> {
                requireU8(what, a);
                maxAbs(what, r, e, a, r.value("atol_u8"));
            }
            case "max_abs_rel" -> {
                double maxE = 0;
                for (double v : e.data()) {
                    maxE = Math.max(maxE, Math.abs(v));
                }
                maxAbs(what, r, e, a, r.value("atol") + r.value("rtol") * maxE);
            }
            case "exact" -> mismatches(what, r, e, a, 0);
            case "argmax_mismatch_fraction" -> mismatches(what, r, e, a, r.value("max_fraction"));
            default -> throw new IllegalStateException("unhandled metric " + r.metric());
        }
    }

    private static void maxAbs(String what, ToleranceRule r, HostTensor e, HostTensor a, double tol) {
        double[] ev = e.data();
        double[] av = a.data();
        int worst = -1;
        double max = 0;
        double sum = 0;
        for (int i = 0; i < ev.length; i++) {
            double d = Math.abs(av[i] - ev[i]);
            if (Double.isNaN(d)) {
                d = Double.isNaN(av[i]) && Double.isNaN(ev[i]) ? 0 : Double.POSITIVE_INFINITY;
            }
            sum += d;
            if (d > max || worst < 0) {
                max = d;
                worst = i;
            }
        }
        double mean = ev.length == 0 ? 0 : sum / ev.length;
        double meanMax = r.optional("mean_abs_max");
        if (max > tol || (!Double.isNaN(meanMax) && mean > meanMax)) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "%s fails %s: max |a-e| %.6g (tolerance %.6g), mean |a-e| %.6g%s; worst at %s: expected %s, actual %s;"
                            + " shape %s", what, r.describe(), max, tol, mean,
                    Double.isNaN(meanMax) ? "" : String.format(Locale.ROOT, " (mean_abs_max %.6g)", meanMax),
                    Arrays.toString(e.unravel(worst)), num(ev[worst]), num(av[worst]), Arrays.toString(e.shape())));
        }
    }

    private static void mismatches(String what, ToleranceRule r, HostTensor e, HostTensor a, double maxFraction) {
        double[] ev = e.data();
        double[] av = a.data();
        int count = 0;
        int first = -1;
        for (int i = 0; i < ev.length; i++) {
            if (Double.compare(av[i], ev[i]) != 0 && av[i] != ev[i]) {
                count++;
                first = first < 0 ? i : first;
            }
        }
        double fraction = ev.length == 0 ? 0 : (double) count / ev.length;
        if (fraction > maxFraction) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "%s fails %s: %d of %d elements differ (fraction %.6g, allowed %.6g); first at %s: expected %s,"
                            + " actual %s; shape %s", what, r.describe(), count, ev.length, fraction, maxFraction,
                    Arrays.toString(e.unravel(first)), num(ev[first]), num(av[first]), Arrays.toString(e.shape())));
        }
    }

    private static void requireShape(String what, HostTensor e, HostTensor a) {
        if (!Arrays.equals(e.shape(), a.shape())) {
            throw new AssertionError(what + ": shape mismatch: expected " + Arrays.toString(e.shape()) + ", actual "
                    + Arrays.toString(a.shape()));
        }
    }

    private static void requireU8(String what, HostTensor a) {
        double[] av = a.data();
        for (int i = 0; i < av.length; i++) {
            if (av[i] < 0 || av[i] > 255 || av[i] != Math.rint(av[i])) {
                throw new AssertionError(what + ": max_abs_u8 needs uint8 values, actual has " + num(av[i]) + " at "
                        + Arrays.toString(a.unravel(i)));
            }
        }
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
