using System.Collections.Immutable;
using Strata.Engine.Conditions;
using Strata.Model.Entities;

namespace Strata.Engine.Migration;

public sealed record PlannedStep(int Order, string Path, string Layer, string Text, string Applies, string Rollback, Model.Evidence.Provenance Provenance);

public sealed record LayerChange(string Layer, string From, string To, string? Path, bool Parallel);

public sealed record CompatibilityWarning(string Aspect, string Verdict, string Note, Model.Evidence.Provenance Provenance);

public sealed record EvolutionPosition(int CurrentStage, int TargetStage, int Stages, string Migration);

/// <summary>An ordered plan from today's stack to the target: the catalogue's migration paths, warnings, parallelism, rollback points.</summary>
public sealed record MigrationPlan(
    Stack From,
    Stack To,
    ImmutableArray<LayerChange> Changes,
    ImmutableArray<PlannedStep> Steps,
    ImmutableArray<CompatibilityWarning> Warnings,
    EvolutionPosition? Evolution);

/// <summary>
/// Builds the plan from the catalogue's migration paths (003 §17.7.2) for every layer that changes,
/// the compatibility matrix (§17.7.3) for the target, and the evolution path (§17.7.1) for where the
/// user stands. A step whose condition the profile leaves unknown is kept and marked "if applicable";
/// one whose condition is false is dropped with the reason.
/// </summary>
public static class MigrationPlanner
{
    /// <summary>A path already in the plan whose steps name both technologies of this change ("etcd -> sqlite").</summary>
    private static string? Covering(Model.Entities.Catalog catalog, HashSet<string> used, string from, string to)
    {
        static IEnumerable<string> Names(Model.Entities.Catalog c, string id) =>
            c.Technology(id) is { } t ? new[] { t.Id, t.Name }.Concat(t.Aliases) : [id];
        foreach (var id in used.Order(StringComparer.Ordinal))
        {
            var m = catalog.Migrations.First(x => x.Id == id);
            if (m.Steps.Any(s => Names(catalog, from).Any(n => s.Text.Contains(n, StringComparison.OrdinalIgnoreCase))
                              && Names(catalog, to).Any(n => s.Text.Contains(n, StringComparison.OrdinalIgnoreCase))))
            {
                return id;
            }
        }
        return null;
    }

    public static MigrationPlan Plan(Model.Entities.Catalog catalog, Profile profile, Stack from, Stack to)
    {
        var evaluator = new ConditionEvaluator(catalog, new ProfileView(profile.Scenario, Requirements.RequirementDeriver.Derive(catalog, profile).AsConstraintSet(), profile.Host));
        var changes = ImmutableArray.CreateBuilder<LayerChange>();
        var steps = ImmutableArray.CreateBuilder<PlannedStep>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        // Layers in the catalogue's order (orchestration first): its paths carry the most steps, and
        // their steps may cover other layers' changes (K8s -> K3s migrates etcd -> sqlite).
        var order = catalog.OrderedLayers.Select(l => l.Id).ToList();
        var layers = from.Layers.Keys.Union(to.Layers.Keys).OrderBy(l => order.IndexOf(l) is var i && i < 0 ? int.MaxValue : i).ThenBy(l => l, StringComparer.Ordinal).ToList();
        var changing = layers.Where(l => !from.Layers.TryGetValue(l, out var a) || !to.Layers.TryGetValue(l, out var b) || a[0] != b[0]).ToList();
        foreach (var layer in changing)
        {
            var a = from.Layers.TryGetValue(layer, out var fa) ? fa[0] : "(none)";
            var b = to.Layers.TryGetValue(layer, out var tb) ? tb[0] : "(none)";
            var path = catalog.Migrations.FirstOrDefault(m => m.Kind == MigrationKind.Migration
                && m.From?.Layers.TryGetValue(layer, out var mf) == true && mf.Contains(a)
                && m.To?.Layers.TryGetValue(layer, out var mt) == true && mt.Contains(b));
            changes.Add(new LayerChange(layer, a, b, path?.Id, false));
            var coveredBy = path is null ? Covering(catalog, used, a, b) : null;
            if (coveredBy is not null)
            {
                changes[^1] = changes[^1] with { Path = coveredBy };
                continue;
            }
            if (path is null || !used.Add(path.Id))
            {
                if (path is null)
                {
                    steps.Add(new PlannedStep(0, "(no catalogue path)", layer, $"Replace {a} with {b} in the {layer} layer: the seeds give no migration path for this change; plan it as its own project.",
                        "always", $"keep {a} until {b} is verified", catalog.Layer(layer)!.Provenance));
                }
                continue;
            }
            foreach (var step in path.Steps)
            {
                var applies = step.When is null ? "always" : evaluator.Evaluate(step.When.Condition) switch
                {
                    Truth.True => $"yes ({step.When.Text})",
                    Truth.Unknown => $"if applicable ({step.When.Text}: the profile does not say)",
                    _ => null,
                };
                if (applies is null)
                {
                    continue; // the condition is false for this profile
                }
                var rollback = step.Id.Contains("deploy", StringComparison.Ordinal)
                    ? $"route traffic back to {a} (keep it running until the rollout completes)"
                    : $"discard the step; {a} still serves";
                steps.Add(new PlannedStep(0, path.Id, layer, step.Text, applies, rollback, path.Provenance));
            }
        }
        // Paths that touch different layers and different catalogue paths can run side by side.
        var byPath = changes.Where(c => c.Path is not null).GroupBy(c => c.Path).Count();
        var withParallel = changes.Select(c => c with { Parallel = byPath > 1 && c.Path is not null }).ToImmutableArray();
        var ordered = steps.Select((s, i) => s with { Order = i + 1 }).ToImmutableArray();

        var warnings = ImmutableArray.CreateBuilder<CompatibilityWarning>();
        var matrix = catalog.Table("seed-003-compatibility-matrix");
        if (matrix is not null)
        {
            foreach (var row in matrix.Rows)
            {
                if (row["combination"]?.Value is not StackCell { Stack: var combo }
                    || !combo.Layers.All(kv => to.Layers.TryGetValue(kv.Key, out var t) && kv.Value.Contains(t[0])))
                {
                    continue;
                }
                foreach (var column in matrix.Columns.Where(c => c.Type == ColumnType.Compat))
                {
                    if (row[column.Id] is { Value: TextCell { Text: not "yes" } v } cell)
                    {
                        warnings.Add(new CompatibilityWarning(column.Id, v.Text, cell.Note ?? "", matrix.Provenance));
                    }
                }
            }
        }
        if (from.Layers.TryGetValue("datastore", out var fd) && to.Layers.TryGetValue("datastore", out var td) && fd[0] != td[0])
        {
            warnings.Add(new CompatibilityWarning("datastore", "caveat", $"{fd[0]} and {td[0]} keep state differently: the cluster state needs a data migration (and a backup first)",
                matrix?.Provenance ?? new Model.Evidence.SeedReference("003", "17.7.3")));
        }

        EvolutionPosition? evolution = null;
        if (catalog.Migrations.FirstOrDefault(m => m.Kind == MigrationKind.Evolution) is { } evo && !evo.Stages.IsEmpty)
        {
            int Stage(Stack s) => evo.Stages.Select((st, i) => (i, overlap: st.Layers.Count(kv => s.Layers.TryGetValue(kv.Key, out var x) && kv.Value.Contains(x[0]))
                - st.Layers.Count(kv => !s.Layers.ContainsKey(kv.Key) || !kv.Value.Contains(s.Layers[kv.Key][0])) * 0.5))
                .OrderByDescending(x => x.overlap).ThenByDescending(x => x.i).First().i + 1;
            evolution = new EvolutionPosition(Stage(from), Stage(to), evo.Stages.Length, evo.Id);
        }
        return new MigrationPlan(from, to, withParallel, ordered, warnings.ToImmutable(), evolution);
    }
}
