using System.Globalization;
using Strata.Application;
using Strata.Application.Requests;
using Strata.Engine.Composition;
using Strata.Engine.Decisions;
using Strata.Fleet.Planning;
using Strata.Fleet.Synth;
using Strata.TestSupport;

namespace Strata.Fleet.Tests.Planning;

/// <summary>
/// Sharing stack checks between node classes (<see cref="SharedStackWork"/>) changes no answer: every class of a
/// heterogeneous synthetic fleet, under several profiles, is decided the same with and without it — the whole ranking
/// with each criterion's value, the eliminations, rejections, conflicts and relaxations — and the classes do share.
/// </summary>
public class SharedWorkTests
{
    private static readonly StrataApplication App = new();

    public static TheoryData<string> Profiles => new() { "edge.yaml", "microservices.yaml", "fleet/shared-gpu.yaml" };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Decide_EveryClassOfASyntheticFleet_IsTheSameWithSharedWork(string profileName)
    {
        using var dir = new TempDir();
        var inventory = Path.Combine(dir.Path, "nodes.json");
        using (var f = File.Create(inventory))
        {
            NodeListSynth.Write(f, 3000, seed: 11);
        }
        var profile = Path.Combine(RepoPaths.Root, "examples", profileName);
        var plan = new FleetPlanner(App).Plan(new FleetRequest(inventory, profile) { ShareWork = false }, [], CancellationToken.None).Plan!;
        plan.Classes.Length.ShouldBeGreaterThan(5);
        var shared = new SharedStackWork(App.LoadCatalog(CatalogLocation.Bundled).Value!);
        foreach (var c in plan.Classes)
        {
            var request = new DecisionRequest(ProfileSource.Path(profile)) { ForceAhp = true, Node = FleetPlanner.Override(c.Key) };
            var alone = App.Decide(request).Value!;
            var withShared = App.Decide(request with { Shared = shared }).Value!;
            Describe(withShared).ShouldBe(Describe(alone), $"class {c.Id}");
        }
        shared.Hits.ShouldBeGreaterThan(0, "classes should share stack checks");
    }

    [Fact]
    public void Plan_SharedAndUnsharedWork_GiveTheSameClasses()
    {
        using var dir = new TempDir();
        var inventory = Path.Combine(dir.Path, "nodes.json");
        using (var f = File.Create(inventory))
        {
            NodeListSynth.Write(f, 2000, seed: 4);
        }
        var profile = Path.Combine(RepoPaths.Root, "examples", "edge.yaml");
        string Classes(bool share) => string.Join("\n", new FleetPlanner(App).Plan(new FleetRequest(inventory, profile) { ShareWork = share }, [], CancellationToken.None).Plan!.Classes
            .Select(c => $"{c.Id} {c.Nodes} {c.Verdict} {c.StackText} [{string.Join(",", c.Failing)}] [{string.Join(",", c.Relaxation)}] [{string.Join(",", c.Caveats)}] [{string.Join(",", c.With)}]"));
        Classes(share: true).ShouldBe(Classes(share: false));
    }

    /// <summary>A decision as text, down to each stack's criteria values (round-trip precision).</summary>
    private static string Describe(Decision d)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string> { $"feasible {d.Feasible} considered {d.CombinationsConsidered} search {d.Search}" };
        lines.AddRange(d.Ranking.Select(r => $"{r.Rank} {r.Stack} {r.Score.ToString("R", inv)} {r.Verdict} " +
            string.Join(";", r.Criteria.Select(c => $"{c.Criterion}={c.Value.ToString("R", inv)}/{c.Contribution.ToString("R", inv)}/{c.NoData}/{c.Applies}/{string.Join(",", c.Missing)}/{c.Facts.Length}")) +
            " caveats " + string.Join(",", r.Caveats.Select(m => $"{m.Technology}:{m.Constraint}:{m.Verdict}:{m.Expected}:{m.Actual}")) +
            " with " + string.Join(",", r.Supporting.Select(s => $"{s.Technology}/{s.For}/{s.Rule}/{s.Kind}")) +
            " stack-matches " + string.Join(",", r.StackMatches.Select(m => $"{m.Technology}:{m.Constraint}:{m.Verdict}:{m.Expected}:{m.Actual}"))));
        lines.AddRange(d.Eliminated.Select(e => $"eliminated {e.Technology} {e.Constraint} {e.Reason}"));
        lines.AddRange(d.Rejected.Select(r => $"rejected {r.Rule} {r.Subject} {r.Count} {r.Reason} {r.Example}"));
        lines.AddRange(d.Conflicts.Select(c => $"conflict {c.Layer} {string.Join(",", c.Constraints)}"));
        lines.AddRange(d.Relaxations.Select(r => $"relax {string.Join("+", r.Relax)} " + string.Join(",", r.Admits) + " " + string.Join(",", r.Scores.Select(x => x.ToString("R", inv)))));
        lines.AddRange(d.LayerReasons.Select(l => $"layer {l.Layer} {l.Chosen} {l.Kind} {l.RunnerUp} {string.Join(";", l.Because)}"));
        lines.AddRange(d.Trees.Select(t => $"tree {t.Tree} {t.Outcome} {t.AgreesWithWinner} {t.Path.Length} {t.Disagreements.Length}"));
        return string.Join("\n", lines);
    }
}
