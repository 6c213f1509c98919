using System.Collections.Immutable;
using Strata.Model.Diagnostics;

namespace Strata.Application;

/// <summary>What kind of answer a request got; the CLI maps it to exit codes 0, 1 and 2, a server to HTTP statuses.</summary>
public enum OutcomeKind
{
    /// <summary>Answered, and the answer is yes (a stack was chosen, no defect changes a winner).</summary>
    Success,

    /// <summary>Answered, and the answer is a domain "no": nothing is feasible, a defect changes a winner.</summary>
    DomainNo,

    /// <summary>Not answered: the catalogue, the profile or the request cannot be used.</summary>
    BadInput,
}

/// <summary>The part of a request that made it bad input, so a caller can point at it.</summary>
public enum RequestPart { Catalogue, Measurements, Profile, Host, Weights, Request }

/// <summary>
/// The answer to a request, as data. <see cref="Value"/> is there when the request was answered (and also
/// for bad input that still has something to show, such as a catalogue's validation). <see cref="Diagnostics"/>
/// are the problems (and warnings) in the request's inputs, each at file:line:column; <see cref="Problems"/>
/// are what no place in a file tells (an unknown id, an inconsistent set of AHP comparisons).
/// </summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<Problem> Problems)
    where T : class
{
    /// <summary>Which part of the request was bad, when <see cref="Kind"/> is <see cref="OutcomeKind.BadInput"/>.</summary>
    public RequestPart? Failed { get; init; }

    public bool IsBadInput => Kind == OutcomeKind.BadInput;

    /// <summary>The same failure as an outcome of another type (a step's bad input is the whole request's).</summary>
    public Outcome<TOther> As<TOther>() where TOther : class =>
        Kind == OutcomeKind.BadInput
            ? new Outcome<TOther>(Kind, null, Diagnostics, Problems) { Failed = Failed }
            : throw new InvalidOperationException($"Only a bad-input outcome converts to another type; this one is {Kind}.");
}

/// <summary>Makes outcomes.</summary>
public static class Outcome
{
    public static Outcome<T> Success<T>(T value, ImmutableArray<Diagnostic> diagnostics = default) where T : class =>
        new(OutcomeKind.Success, value, diagnostics.IsDefault ? [] : diagnostics, []);

    /// <summary>Success when <paramref name="yes"/>, else a domain "no"; the value is there either way.</summary>
    public static Outcome<T> Answer<T>(T value, bool yes, ImmutableArray<Diagnostic> diagnostics = default) where T : class =>
        new(yes ? OutcomeKind.Success : OutcomeKind.DomainNo, value, diagnostics.IsDefault ? [] : diagnostics, []);

    /// <summary>A domain "no" with nothing to show but why.</summary>
    public static Outcome<T> No<T>(Problem problem, ImmutableArray<Diagnostic> diagnostics = default) where T : class =>
        new(OutcomeKind.DomainNo, null, diagnostics.IsDefault ? [] : diagnostics, [problem]);

    public static Outcome<T> BadInput<T>(RequestPart part, ImmutableArray<Diagnostic> diagnostics, params ImmutableArray<Problem> problems) where T : class =>
        new(OutcomeKind.BadInput, null, diagnostics.IsDefault ? [] : diagnostics, problems.IsDefault ? [] : problems) { Failed = part };

    public static Outcome<T> BadInput<T>(RequestPart part, Problem problem) where T : class => BadInput<T>(part, [], problem);
}
