package lab.performance.observatory.core.report;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a JVM component's flight recording says about the measured interval: its garbage collection
 * and allocation, its hottest methods, and the files made from it (flamegraphs, the recording).
 */
public record ComponentProfile(String component, RunReport.JvmActivity jvm, List<RunReport.HotMethod> hotMethods,
                               SortedMap<String, String> artifacts) {

    public ComponentProfile {
        hotMethods = List.copyOf(hotMethods);
        artifacts = new TreeMap<>(artifacts);
    }

    public static ComponentProfile of(String component, RunReport.JvmActivity jvm, List<RunReport.HotMethod> hot,
                                      Map<String, String> artifacts) {
        return new ComponentProfile(component, jvm, hot, new TreeMap<>(artifacts));
    }
}
