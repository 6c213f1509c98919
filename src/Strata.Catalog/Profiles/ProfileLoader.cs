using System.Collections.Immutable;
using Strata.Catalog.Loading;
using Strata.Catalog.Reading;
using Strata.Catalog.Yaml;
using Strata.Model.Conditions;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;

namespace Strata.Catalog.Profiles;

public sealed record ProfileLoadResult(Profile? Profile, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Success => Profile is not null;
}

/// <summary>Reads a profile file (or names a catalogue scenario) with the catalogue's diagnostics.</summary>
public static class ProfileLoader
{
    private static readonly string[] Keys = ["profile", "description", "scenario", "layers", "constraints", "needs", "prefers", "host", "weights", "current", "options", "exclude", "reference"];

    /// <summary>A path to a profile file, or the id of a catalogue scenario (<c>strata recommend edge</c>).</summary>
    public static ProfileLoadResult Load(string pathOrScenario, Model.Entities.Catalog catalog)
    {
        if (!File.Exists(pathOrScenario) && catalog.Scenario(pathOrScenario) is { } scenario)
        {
            return new ProfileLoadResult(FromScenario(scenario), []);
        }
        if (!File.Exists(pathOrScenario))
        {
            var hint = Suggestions.DidYouMean(pathOrScenario, catalog.Scenarios.Select(s => s.Id));
            return new ProfileLoadResult(null, [new(new(pathOrScenario, 1, 1), Severity.Error, DiagnosticCodes.Io,
                $"there is no profile file '{pathOrScenario}' and no scenario of that id{hint} (scenarios: {string.Join(", ", catalog.Scenarios.Select(s => s.Id))})")]);
        }
        return Parse(pathOrScenario, YamlFile.ReadLimited(pathOrScenario), catalog);
    }

    /// <summary>A profile that says only <c>scenario: id</c>.</summary>
    public static Profile FromScenario(Scenario s) =>
        new(s.Id, s.Summary, s.Id, [], ConstraintSet.Empty, ImmutableSortedDictionary<string, bool>.Empty,
            ImmutableSortedDictionary<string, double>.Empty, null, [], $"scenario:{s.Id}");

    public static ProfileLoadResult Parse(string file, string text, Model.Entities.Catalog catalog)
    {
        var diagnostics = new List<Diagnostic>();
        var root = YamlDocumentReader.Read(file, text, YamlLimits.Default, diagnostics);
        if (root is null)
        {
            if (diagnostics.Count == 0)
            {
                diagnostics.Add(new(new(file, 1, 1), Severity.Error, DiagnosticCodes.WrongType, "the profile is empty"));
            }
            return new ProfileLoadResult(null, [.. diagnostics]);
        }
        var references = new List<Reference>();
        var conditions = new List<ConditionText>();
        var ctx = new ReadContext(new FileReader(file, diagnostics), catalog.Vocabulary, references, conditions);
        var r = ctx.R;
        var map = r.Map(root, "a profile", Keys);
        if (map is null)
        {
            return new ProfileLoadResult(null, [.. diagnostics]);
        }
        var name = r.Id(r.Required(map, "profile", "a profile"), "the profile name");
        var description = r.String(map["description"], "description");
        string? scenario = null;
        if (map["scenario"] is { } sn && r.String(sn, "scenario") is { } s)
        {
            scenario = s;
            ctx.Refer(ReferenceKind.Scenario, s, sn, "the profile");
        }
        var layers = ImmutableArray<string>.Empty;
        if (map["layers"] is { } ln)
        {
            layers = r.Words(ln, "layers") ?? [];
            ctx.ReferEach(ReferenceKind.Layer, layers, ln, "the profile's layers");
        }
        var constraints = map["constraints"] is { } cn ? ConstraintReader.Read(ctx, cn, "the constraints") ?? ConstraintSet.Empty : ConstraintSet.Empty;
        // needs: and prefers: sit beside the constraints in a profile; the engine treats them as constraint fields.
        foreach (var key in new[] { "needs", "prefers" })
        {
            if (map[key] is not { } node)
            {
                continue;
            }
            if (constraints.Values.ContainsKey(key))
            {
                r.Error(node, DiagnosticCodes.DuplicateKey, $"'{key}' is given twice: at the top of the profile and under constraints");
                continue;
            }
            ProfileFields.TryGet(key, out var field);
            if (ConstraintReader.Value(ctx, node, field, $"'{key}'") is { } v)
            {
                constraints = new ConstraintSet(constraints.Values.SetItem(key, v));
            }
        }
        var reference = map["reference"] is { } refNode ? ReferenceReader.Read(ctx, refNode) : null;
        var host = HostFileLoader.ReadBlock(r, map["host"]);
        var weights = ImmutableSortedDictionary<string, double>.Empty;
        var ahp = ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, double>>.Empty;
        Model.Weights.WeightStatements? statements = null;
        if (map["weights"] is { } wn)
        {
            if (wn is YamlMapping wm && wm.Entries.Any(e => e.Key.Value == "ahp"))
            {
                ahp = Ahp(ctx, wm, catalog) ?? ahp;
            }
            else if (WeightsReader.IsStatements(wn))
            {
                statements = WeightsReader.Read(r, wn, [.. catalog.Criteria.Select(c => c.Id)]);
            }
            else
            {
                weights = EntityReaders.Weights(ctx, wn, "the weights") ?? weights;
            }
        }
        var current = map["current"] is { } curn ? ctx.Stack(curn, "the current stack") : null;
        var options = ImmutableArray.CreateBuilder<Stack>();
        foreach (var item in r.Sequence(map["options"], "options") ?? [])
        {
            if (ctx.Stack(item, "an option") is { } st)
            {
                options.Add(st);
            }
        }

        var exclude = ImmutableSortedDictionary.CreateBuilder<string, Exclusion>(StringComparer.Ordinal);
        if (map["exclude"] is { } exn && r.Words(exn, "exclude") is { } excluded)
        {
            ctx.ReferEach(ReferenceKind.Technology, excluded, exn, "exclude");
            foreach (var id in excluded)
            {
                exclude[id] = Exclusion.ByProfile;
            }
        }

        var checker = new CrossChecks(diagnostics, catalog.Vocabulary);
        checker.References(references, catalog.Layers, catalog.Criteria, catalog.Technologies, catalog.Scenarios, catalog.Tables);
        var errors = diagnostics.Any(d => d.Severity == Severity.Error);
        var ordered = diagnostics.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToImmutableArray();
        if (errors || name is null)
        {
            return new ProfileLoadResult(null, ordered);
        }
        return new ProfileLoadResult(new Profile(name, description, scenario, layers, constraints, host, weights, current, options.ToImmutable(), file) { Ahp = ahp, Reference = reference, Statements = statements, Exclude = exclude.ToImmutable() }, ordered);
    }

    /// <summary>
    /// Reads <c>weights: { ahp: { a: { b: 3 } } }</c>: a is 3 times as important as b (Saaty's 1/9..9 scale).
    /// Each pair may be given once, in either direction; the reciprocal is implied.
    /// </summary>
    private static ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, double>>? Ahp(ReadContext ctx, YamlMapping weights, Model.Entities.Catalog catalog)
    {
        var r = ctx.R;
        var outer = r.Map(weights, "the weights", ["ahp"]);
        if (outer?["ahp"] is not YamlMapping rows)
        {
            if (outer?["ahp"] is { } other)
            {
                r.Error(other, DiagnosticCodes.WrongType, "ahp must map each criterion to the criteria it is compared with, e.g. { startup: { resources: 3 } }");
            }
            return null;
        }
        var criteria = catalog.Criteria.Select(c => c.Id).ToList();
        var result = ImmutableSortedDictionary.CreateBuilder<string, ImmutableSortedDictionary<string, double>>(StringComparer.Ordinal);
        var pairs = new HashSet<(string, string)>();
        foreach (var (key, value) in rows.Entries)
        {
            if (r.Word(key, "an AHP criterion", criteria) is null)
            {
                continue;
            }
            if (value is not YamlMapping comparisons)
            {
                r.Error(value, DiagnosticCodes.WrongType, $"'{key.Value}' must map the criteria it is compared with to a ratio, e.g. {{ resources: 3 }}");
                continue;
            }
            var row = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            foreach (var (otherKey, ratioNode) in comparisons.Entries)
            {
                if (r.Word(otherKey, "an AHP criterion", criteria) is null)
                {
                    continue;
                }
                if (otherKey.Value == key.Value)
                {
                    r.Error(otherKey, DiagnosticCodes.Inconsistent, $"'{key.Value}' is compared with itself");
                    continue;
                }
                var pair = string.CompareOrdinal(key.Value, otherKey.Value) < 0 ? (key.Value, otherKey.Value) : (otherKey.Value, key.Value);
                if (!pairs.Add(pair))
                {
                    r.Error(otherKey, DiagnosticCodes.DuplicateKey, $"{key.Value} and {otherKey.Value} are compared twice; give each pair once (the reciprocal is implied)");
                    continue;
                }
                if (r.Number(ratioNode, $"the ratio of {key.Value} to {otherKey.Value}", 1.0 / 9, 9) is { } ratio)
                {
                    row[otherKey.Value] = ratio;
                }
            }
            result[key.Value] = row.ToImmutable();
        }
        if (pairs.Count == 0)
        {
            r.Error(rows, DiagnosticCodes.MissingField, "ahp compares no pair of criteria");
        }
        return result.ToImmutable();
    }
}
