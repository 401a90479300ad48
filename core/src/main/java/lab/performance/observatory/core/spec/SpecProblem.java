package lab.performance.observatory.core.spec;

/** One thing wrong with a spec: where (a field path such as {@code spec.data_sources[0].generation_rate}) and what. */
public record SpecProblem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
