namespace Strata.Application;

/// <summary>
/// A reason a request was not answered that no place in a file tells: a stable <see cref="Code"/> for
/// scripts and a server's problem types, a sentence for people (no final full stop, so a caller can add
/// its own advice), and what it is about when that is not the request itself (a catalogue, a profile, a stack).
/// </summary>
public sealed record Problem(string Code, string Message, string? Subject = null);

/// <summary>The stable problem codes.</summary>
public static class ProblemCodes
{
    public const string NoCatalogue = "no-catalogue";
    public const string InvalidCatalogue = "invalid-catalogue";
    public const string UnknownEvidence = "unknown-evidence";
    public const string UnknownScenario = "unknown-scenario";
    public const string UnknownHostFact = "unknown-host-fact";

    /// <summary>The AHP comparisons contradict each other; the same code as the diagnostic of that name.</summary>
    public const string InconsistentWeights = Model.Diagnostics.DiagnosticCodes.Inconsistent;

    public const string BadStack = "bad-stack";
    public const string NoCurrentStack = "no-current-stack";
    public const string NothingFeasible = "nothing-feasible";
    public const string UnknownLayer = "unknown-layer";
    public const string UnknownTechnology = "unknown-technology";
    public const string UnknownTree = "unknown-tree";
    public const string UnknownTable = "unknown-table";
    public const string NoVector = "no-vector";
    public const string BadVector = "bad-vector";
    public const string UnknownTool = "unknown-tool";
    public const string NotEmpty = "not-empty";
    public const string NoSuchDirectory = "no-such-directory";
    public const string OutOfRange = "out-of-range";
    public const string BadWeight = "bad-weight";
}
