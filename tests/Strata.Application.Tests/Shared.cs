namespace Strata.Application.Tests;

/// <summary>One application for the whole test run, as a server holds one: test classes run in parallel against it.</summary>
public static class Shared
{
    public static StrataApplication App { get; } = new();

    public const string Impossible = "profile: impossible\nconstraints:\n  cold_start: < 1ms\n  isolation: \">= vm\"\n";

    public const string InconsistentAhp =
        "profile: ahp\nweights:\n  ahp:\n    startup: { resources: 5 }\n    resources: { performance: 5 }\n    performance: { startup: 5 }\n";
}
