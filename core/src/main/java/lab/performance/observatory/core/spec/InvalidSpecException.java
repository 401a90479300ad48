package lab.performance.observatory.core.spec;

import java.util.List;

/** A spec that failed validation; carries every problem found, the first one names what to fix first. */
public final class InvalidSpecException extends Exception {

    private final List<SpecProblem> problems;

    public InvalidSpecException(List<SpecProblem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid spec needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    public SpecProblem first() {
        return problems.get(0);
    }

    private static String summary(List<SpecProblem> problems) {
        if (problems.isEmpty()) {
            return "";
        }
        String first = problems.get(0).toString();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
    }
}
