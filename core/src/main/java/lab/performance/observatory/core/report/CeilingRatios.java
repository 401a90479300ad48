package lab.performance.observatory.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The report's {@code ceiling} (docs/measurement.md, "Ceiling"): the pipeline's figures over what
 * the same stack did without it, each a ratio per alternated repeat (the pipeline's figure over that
 * repeat's probe), summarised as their mean, lowest and highest. A ratio is left out, not made up,
 * when a side has no figure (no probe of that kind, no events measured, no CPU). Pure.
 */
public final class CeilingRatios {

    private CeilingRatios() {
    }

    /**
     * @param probes               what the probes measured; empty: no ceiling
     * @param maxRates             what the max search found, if it ran (one search each: no spread)
     * @param endToEndP99Ms        the pipeline's end-to-end p99 over its measured interval
     * @param topologyCpuUsPerEvent the pipeline topology's CPU per event (0: not measured)
     */
    public static RunReport.Ceiling of(List<CeilingProbe> probes, List<CeilingMaxRate> maxRates, double endToEndP99Ms,
                                       double topologyCpuUsPerEvent) {
        if (probes.isEmpty() && maxRates.isEmpty()) {
            return null;
        }
        Double pipelineMax = max(maxRates, CeilingMaxRate.PIPELINE);
        Double passMax = max(maxRates, CeilingMaxRate.PASS_THROUGH);
        List<CeilingProbe> raw = kind(probes, CeilingProbe.RAW);
        List<CeilingProbe> pass = kind(probes, CeilingProbe.PASS_THROUGH);
        return new RunReport.Ceiling(List.copyOf(probes),
                mean(raw, CeilingProbe::p99Ms), mean(pass, CeilingProbe::p99Ms),
                mean(pass.stream().filter(p -> p.cpuUsPerEvent() != null).toList(), CeilingProbe::cpuUsPerEvent),
                ratio(endToEndP99Ms, raw, CeilingProbe::p99Ms),
                ratio(endToEndP99Ms, pass, CeilingProbe::p99Ms),
                ratio(topologyCpuUsPerEvent, pass.stream().filter(p -> p.cpuUsPerEvent() != null).toList(), CeilingProbe::cpuUsPerEvent),
                pipelineMax, passMax, pipelineMax == null || passMax == null || passMax <= 0 ? null : round(pipelineMax / passMax, 3));
    }

    private static Double max(List<CeilingMaxRate> rates, String subject) {
        return rates.stream().filter(r -> r.subject().equals(subject)).map(CeilingMaxRate::maxEps).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    private static List<CeilingProbe> kind(List<CeilingProbe> probes, String kind) {
        return probes.stream().filter(p -> p.kind().equals(kind) && p.measuredEvents() > 0).toList();
    }

    private static Double mean(List<CeilingProbe> probes, ToDoubleFunction<CeilingProbe> figure) {
        return probes.isEmpty() ? null : round(probes.stream().mapToDouble(figure).average().orElseThrow(), 3);
    }

    /** {@code pipeline} over each probe's figure; null when either side has nothing to divide. */
    static RunReport.Ratio ratio(double pipeline, List<CeilingProbe> probes, ToDoubleFunction<CeilingProbe> figure) {
        if (!(pipeline > 0)) {
            return null;
        }
        List<Double> ratios = new ArrayList<>();
        for (CeilingProbe p : probes) {
            double v = figure.applyAsDouble(p);
            if (v > 0) {
                ratios.add(pipeline / v);
            }
        }
        if (ratios.isEmpty()) {
            return null;
        }
        double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new RunReport.Ratio(round(mean, 3), round(ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), 3),
                round(ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), 3), ratios.size());
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
