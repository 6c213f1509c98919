using System.Collections.Immutable;
using Strata.Model.Entities;

namespace Strata.Engine.Radar;

public enum Ring { Adopt, Trial, Assess, Hold }

public sealed record RadarEntry(string Technology, string Title, string Quadrant, Ring Ring, string Description);

public sealed record RadarQuadrant(string Id, string Name, ImmutableArray<string> Layers);

/// <summary>
/// A technology radar from the engine's verdicts: adopt = in the chosen stack, trial = in one of the
/// best stacks, assess = feasible but further down, hold = eliminated. Over several scenarios a
/// technology takes its best ring, and the description says where.
/// </summary>
public static class TechRadar
{
    /// <summary>Quadrants group layers the way radars group technologies: platform, runtimes, connectivity, governance.</summary>
    public static readonly ImmutableArray<RadarQuadrant> Quadrants =
    [
        new("platform", "Platform", ["orchestration", "datastore", "edge-extension", "delivery", "storage"]),
        new("runtimes", "Runtimes & isolation", ["runtime", "container-engine", "accelerator"]),
        new("connectivity", "Connectivity", ["network", "secondary-network", "service-mesh", "gateway", "cross-domain-network", "messaging"]),
        new("governance", "Governance & operations", ["policy", "tenancy", "observability", "serverless"]),
    ];

    public const int TrialDepth = 20;

    public static ImmutableArray<RadarEntry> Build(Model.Entities.Catalog catalog, IEnumerable<Profile> profiles, DecisionEngine engine)
    {
        var best = new Dictionary<string, (Ring Ring, List<string> Where)>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            var d = engine.Decide(profile);
            var rings = new Dictionary<string, Ring>(StringComparer.Ordinal);
            foreach (var e in d.Eliminated)
            {
                rings.TryAdd(e.Technology, Ring.Hold);
            }
            foreach (var r in d.Ranking)
            {
                foreach (var id in r.Stack.TechnologyIds)
                {
                    var ring = r.Rank == 1 ? Ring.Adopt : r.Rank <= TrialDepth ? Ring.Trial : Ring.Assess;
                    rings[id] = rings.TryGetValue(id, out var prior) && prior < ring && prior != Ring.Hold ? prior : ring;
                }
            }
            foreach (var (id, ring) in rings)
            {
                var label = $"{ring.ToString().ToLowerInvariant()} for {profile.Name}";
                if (!best.TryGetValue(id, out var current) || ring < current.Ring)
                {
                    best[id] = (ring, [label]);
                }
                else if (ring == current.Ring)
                {
                    current.Where.Add(label);
                }
            }
        }
        return [.. best.OrderBy(kv => kv.Value.Ring).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var tech = catalog.Technology(kv.Key)!;
            var quadrant = Quadrants.FirstOrDefault(q => q.Layers.Contains(tech.Layer))?.Id ?? Quadrants[^1].Id;
            return new RadarEntry(tech.Id, tech.Name, quadrant, kv.Value.Ring, $"{tech.Summary} ({string.Join("; ", kv.Value.Where)})");
        })];
    }
}
