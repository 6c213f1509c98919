using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Strata.Application.Requests;
using Strata.Engine.Decisions;
using Strata.Engine.Robustness;

namespace Strata.Application;

/// <summary>
/// What was asked for a decision that is kept (a store's row, a server's body): enough to ask again. The profile is
/// its text (YAML) or a scenario id; everything else has the CLI's defaults.
/// </summary>
public sealed record DecisionInput(string ProfileKind, string ProfileName, string ProfileText)
{
    public const string Yaml = "yaml";
    public const string ScenarioKind = "scenario";

    public string Evidence { get; init; } = "sourced";
    public ImmutableSortedDictionary<string, double>? Weights { get; init; }
    public ImmutableSortedDictionary<string, bool>? Host { get; init; }
    public bool Robustness { get; init; } = true;
    public int Samples { get; init; } = 2000;
    public int Seed { get; init; } = 42;
    public bool SampleWeights { get; init; }
    public int Top { get; init; } = 5;

    /// <summary>
    /// The profile's digest: SHA-256 over its canonical text (line ends as "\n", trailing blanks of each line and the
    /// text removed), so the same profile written on Windows or Linux, with or without a final newline, digests alike.
    /// </summary>
    public string ProfileDigest
    {
        get
        {
            var canonical = ProfileKind == ScenarioKind
                ? "scenario: " + ProfileText
                : string.Join('\n', ProfileText.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd())).TrimEnd();
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
    }

    /// <summary>The request the application layer takes, on <paramref name="catalog"/>.</summary>
    public DecisionRequest ToRequest(CatalogLocation catalog) =>
        new(ProfileKind == ScenarioKind ? ProfileSource.Scenario(ProfileText) : ProfileSource.Text(ProfileName, ProfileText))
        {
            Catalog = catalog,
            Evidence = Evidence,
            Weights = Weights,
            Host = Host is { } h ? HostSource.Given(h) : null,
            Robustness = Robustness ? new RobustnessOptions(Samples, Seed, SampleWeights: SampleWeights) : null,
        };
}

/// <summary>A decisive fact as kept with a decision: what it said then, so a later catalogue can be compared with it.</summary>
public sealed record KeptFact(string Technology, string Fact, string? Measures, string Value, string UsedFor, bool Flagged, string Provenance);

/// <summary>What a decision concluded, in the terms drift compares: feasibility, the winning stack, its first-rank probability, the facts behind it.</summary>
public sealed record DecisionSummary(bool Feasible, string? Winner, double? FirstRankProbability, ImmutableArray<KeptFact> Facts)
{
    public static DecisionSummary Of(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new(decision.Feasible, decision.Winner?.Stack.ToString(), decision.Robustness?.MonteCarlo?.WinnerConfidence,
            [.. decision.DecisiveFacts.Select(f => new KeptFact(f.Technology, f.Fact.Name, f.Fact.Measures, f.Fact.Value.Display(), f.UsedFor, f.Flagged, f.Fact.Provenance.Cite()))]);
    }
}

/// <summary>A kept decision to check: its id, what was asked, and what it concluded then.</summary>
public sealed record KeptDecision(string Id, DecisionInput Input, DecisionSummary Then, string CatalogDigest);

/// <summary>A decisive fact whose value in today's catalogue differs from the one the decision was made on (null: not there).</summary>
public sealed record FactChange(string Technology, string Fact, string? Measures, string? Then, string? Now);

/// <summary>One kept decision decided again. <see cref="Now"/> is null when the request no longer decides (see <see cref="Problem"/>).</summary>
public sealed record DriftEntry(KeptDecision Kept, DecisionSummary? Now, ImmutableArray<string> Reasons, ImmutableArray<FactChange> Changes, string? Problem)
{
    public bool Drifted => !Reasons.IsEmpty;
}

/// <summary>Kept decisions re-decided on one catalogue.</summary>
public sealed record DriftReport(string CatalogName, string CatalogVersion, string CatalogDigest, ImmutableArray<DriftEntry> Entries)
{
    public bool Drifted => Entries.Any(e => e.Drifted);
}

// History: kept decisions decided again on today's catalogue.
public sealed partial class StrataApplication
{
    /// <summary>A move of the first-rank probability beyond this many points counts as drift.</summary>
    public const double DriftPoints = 10;

    /// <summary>
    /// Decides every kept decision again on <paramref name="catalog"/> and says which drifted: the winner changed,
    /// feasibility changed, or the winner's first-rank probability moved by more than <see cref="DriftPoints"/> points;
    /// each with the decisive facts whose values changed. A decision that no longer decides at all (its profile is
    /// bad input on this catalogue) has drifted too. <paramref name="cancel"/> stops it between decisions and inside each
    /// (<see cref="OperationCanceledException"/>).
    /// </summary>
    public Outcome<DriftReport> Drift(IEnumerable<KeptDecision> kept, CatalogLocation catalog, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(kept);
        var loaded = LoadCatalog(catalog);
        if (loaded.Value is not { } current)
        {
            return loaded.As<DriftReport>();
        }
        var entries = ImmutableArray.CreateBuilder<DriftEntry>();
        foreach (var k in kept)
        {
            cancel.ThrowIfCancellationRequested();
            var outcome = Decide(k.Input.ToRequest(catalog) with { Cancel = cancel });
            if (outcome.Value is not { } decision)
            {
                var why = string.Join("; ", outcome.Problems.Select(p => p.Message).Concat(outcome.Diagnostics.Where(d => d.Severity == Model.Diagnostics.Severity.Error).Select(d => d.ToString())));
                entries.Add(new DriftEntry(k, null, [Messages.NoLongerDecides(why)], [], why));
                continue;
            }
            var now = DecisionSummary.Of(decision);
            var reasons = new List<string>();
            if (now.Feasible != k.Then.Feasible)
            {
                reasons.Add(Messages.FeasibilityChanged(k.Then.Feasible, now.Feasible));
            }
            else if (now.Winner != k.Then.Winner)
            {
                reasons.Add(Messages.WinnerChanged(k.Then.Winner, now.Winner));
            }
            if (k.Then.FirstRankProbability is { } p0 && now.FirstRankProbability is { } p1 && Math.Abs(p1 - p0) * 100 > DriftPoints)
            {
                reasons.Add(Messages.ProbabilityMoved(p0, p1));
            }
            entries.Add(new DriftEntry(k, now, [.. reasons], ChangedFacts(k.Then, now, current), null));
        }
        return Outcome.Answer(new DriftReport(current.Manifest.Name, current.Manifest.Version, current.Digest, entries.ToImmutable()), !entries.Any(e => e.Drifted));
    }

    /// <summary>The kept decisive facts whose value today differs, then today's decisive facts the kept decision did not rest on.</summary>
    private static ImmutableArray<FactChange> ChangedFacts(DecisionSummary then, DecisionSummary now, Model.Entities.Catalog current)
    {
        var changes = new List<FactChange>();
        var seen = new HashSet<(string, string, string?)>();
        foreach (var f in then.Facts)
        {
            if (!seen.Add((f.Technology, f.Fact, f.Measures)))
            {
                continue;
            }
            var today = current.Technology(f.Technology)?.Facts
                .Where(x => x.Name == f.Fact && x.Measures == f.Measures).Select(x => x.Value.Display()).ToArray() ?? [];
            var nowValue = now.Facts.FirstOrDefault(x => x.Technology == f.Technology && x.Fact == f.Fact && x.Measures == f.Measures)?.Value;
            if (today.Length == 0)
            {
                changes.Add(new FactChange(f.Technology, f.Fact, f.Measures, f.Value, null));
            }
            else if (!today.Contains(f.Value, StringComparer.Ordinal))
            {
                changes.Add(new FactChange(f.Technology, f.Fact, f.Measures, f.Value, nowValue ?? today[0]));
            }
        }
        return [.. changes];
    }
}

internal static partial class Messages
{
    public static string NoLongerDecides(string why) => $"the profile no longer decides on this catalogue: {why}";

    public static string FeasibilityChanged(bool then, bool now) =>
        then ? "it was feasible and now nothing is" : "nothing was feasible and now a stack is";

    public static string WinnerChanged(string? then, string? now) => $"the winner changed from {then} to {now}";

    public static string ProbabilityMoved(double then, double now) =>
        $"the winner's first-rank probability moved from {(then * 100).ToString("0.#", CultureInfo.InvariantCulture)} % to {(now * 100).ToString("0.#", CultureInfo.InvariantCulture)} %";
}
