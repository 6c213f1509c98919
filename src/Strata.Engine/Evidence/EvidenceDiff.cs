using System.Collections.Immutable;
using Strata.Engine.Decisions;
using Strata.Model.Entities;
using Strata.Model.Facts;

namespace Strata.Engine.Evidence;

/// <summary>A figure the two policies read differently for the same technology.</summary>
public sealed record FactDifference(string Technology, string Fact, Fact? Seed, Fact? Sourced);

/// <summary>A technology one policy eliminates and the other keeps.</summary>
public sealed record EliminationDifference(string Technology, string EliminatedUnder, string Reason);

/// <summary>`strata diff-evidence`: the same profile decided on the seeds' figures and on primary sources.</summary>
public sealed record EvidenceComparison(
    Decision Seed,
    Decision Sourced,
    bool SameWinner,
    ImmutableArray<FactDifference> Facts,
    ImmutableArray<EliminationDifference> Eliminations);

public static class EvidenceDiff
{
    public static EvidenceComparison Compare(Model.Entities.Catalog catalog, Profile profile)
    {
        var seed = new DecisionEngine(catalog) { Facts = FactSelector.SeedFirst }.Decide(profile);
        var sourced = new DecisionEngine(catalog) { Facts = FactSelector.Sourced }.Decide(profile);
        var same = seed.Winner?.Stack.Equals(sourced.Winner?.Stack) ?? sourced.Winner is null;

        // The facts that mattered to either decision: decisive facts and the facts behind eliminations.
        var used = seed.DecisiveFacts.Concat(sourced.DecisiveFacts).Select(f => (f.Technology, f.Fact.Name, f.Fact.Measures))
            .Concat(seed.Eliminated.Concat(sourced.Eliminated).Where(e => e.Provenance is not null)
                .SelectMany(e => (catalog.Technology(e.Technology)?.Facts ?? []).Where(f => f.Provenance == e.Provenance).Select(f => (e.Technology, f.Name, f.Measures))))
            .Distinct()
            .OrderBy(x => x.Technology, StringComparer.Ordinal).ThenBy(x => x.Name, StringComparer.Ordinal);
        var facts = ImmutableArray.CreateBuilder<FactDifference>();
        var seen = new HashSet<(string, string)>();
        foreach (var (tech, name, measures) in used)
        {
            // A composed figure (several components' parts, "vm+kubevirt+runc") is not one technology's fact.
            if (!seen.Add((tech, name)) || catalog.Technology(tech) is not { } t)
            {
                continue;
            }
            var measuresOf = catalog.Vocabulary.Constraints.Values.FirstOrDefault(c => c.Fact == name)?.Measures;
            IReadOnlyList<string> preference = measuresOf is { IsDefault: false } m ? m : [];
            var a = FactSelector.SeedFirst.Select(t, name, preference);
            var b = FactSelector.Sourced.Select(t, name, preference);
            if (!ReferenceEquals(a, b))
            {
                facts.Add(new FactDifference(tech, name, a, b));
            }
        }

        var eliminations = ImmutableArray.CreateBuilder<EliminationDifference>();
        var inSeed = seed.Eliminated.Select(e => e.Technology).ToHashSet(StringComparer.Ordinal);
        var inSourced = sourced.Eliminated.Select(e => e.Technology).ToHashSet(StringComparer.Ordinal);
        foreach (var e in seed.Eliminated.Where(e => !inSourced.Contains(e.Technology)).DistinctBy(e => e.Technology))
        {
            eliminations.Add(new EliminationDifference(e.Technology, "seed", e.Reason));
        }
        foreach (var e in sourced.Eliminated.Where(e => !inSeed.Contains(e.Technology)).DistinctBy(e => e.Technology))
        {
            eliminations.Add(new EliminationDifference(e.Technology, "sourced", e.Reason));
        }
        return new EvidenceComparison(seed, sourced, same, facts.ToImmutable(), eliminations.ToImmutable());
    }
}
