using System.Collections.Immutable;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;
using Strata.Model.Evidence;
using Strata.Model.Quantities;

namespace Strata.Catalog.Reading;

/// <summary>Reads vocabulary.yaml, which every other file is checked against.</summary>
public static class VocabularyReader
{
    private static readonly string[] WordListKeys =
    [
        "architectures", "device_kinds", "kernel_features", "network_policy_levels", "policy_languages", "workload_formats",
        "guest_os", "host_requirements", "cncf_levels", "release_cadences", "levels", "gpu_isolation", "config_levels", "governance_kinds", "install_methods", "version_stabilities", "config_languages",
    ];

    private static readonly string[] Keys = [.. WordListKeys, "seeds", "isolation", "isolation_boundaries", "measures", "facts", "scopes", "capabilities", "constraints"];
    private static readonly string[] ConstraintKeys = ["fact", "layers", "compare", "measures", "order", "scopes", "summary"];

    private static readonly Dictionary<string, CompareMode> CompareModes = new(StringComparer.Ordinal)
    {
        ["at-most"] = CompareMode.AtMost,
        ["fits"] = CompareMode.Fits,
        ["at-least"] = CompareMode.AtLeast,
        ["contains"] = CompareMode.Contains,
        ["contains-all"] = CompareMode.ContainsAll,
        ["ordered"] = CompareMode.Ordered,
        ["isolation"] = CompareMode.Isolation,
        ["required"] = CompareMode.Required,
        ["stack-has-all"] = CompareMode.StackHasAll,
        ["derived"] = CompareMode.Derived,
    };
    private static readonly string[] MeasureKeys = ["summary", "bound"];

    /// <summary>What a one-sided measure's figures are: at-least (a tested scale: the technology handles at least this), at-most.</summary>
    private static readonly Dictionary<string, BoundOperator> MeasureBoundWords = new(StringComparer.Ordinal)
    {
        ["at-least"] = BoundOperator.GreaterOrEqual,
        ["at-most"] = BoundOperator.LessOrEqual,
    };

    private static readonly string[] FactKindKeys = ["type", "of", "dimension", "measures", "summary"];
    private static readonly string[] TypeWords = ["quantity", "enum", "set", "bool", "stars", "text", "version", "date"];

    /// <summary>An empty vocabulary, used when vocabulary.yaml is missing or broken so other files can still be read.</summary>
    public static readonly Vocabulary Empty = new([], [], new SeedReference("000", "0"),
        ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty, ImmutableSortedDictionary<string, string>.Empty,
        ImmutableSortedDictionary<string, FactKind>.Empty, ImmutableSortedDictionary<string, ConstraintDefinition>.Empty);

    public static Vocabulary? Read(FileReader r, YamlNode root)
    {
        var map = r.Map(root, "the vocabulary", Keys);
        if (map is null)
        {
            return null;
        }
        var seeds = ImmutableArray.CreateBuilder<SeedDocument>();
        foreach (var item in r.Sequence(r.Required(map, "seeds", "the vocabulary"), "seeds") ?? [])
        {
            var s = r.Map(item, "a seed", ["id", "file", "title"]);
            if (s is null)
            {
                continue;
            }
            var id = r.String(r.Required(s, "id", "a seed"), "a seed id");
            var file = r.String(r.Required(s, "file", "a seed"), "a seed file");
            var title = r.String(s["title"], "a seed title") ?? "";
            if (id is not null && file is not null)
            {
                seeds.Add(new SeedDocument(id, file, title));
            }
        }

        var lists = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        foreach (var key in WordListKeys)
        {
            if (r.Words(r.Required(map, key, "the vocabulary"), key) is { } words)
            {
                lists[key] = words;
            }
        }

        ImmutableArray<string> order = [];
        Provenance isolationProvenance = new SeedReference("000", "0");
        var iso = r.Map(r.Required(map, "isolation", "the vocabulary"), "isolation", ["order", "note", "seed", "source"]);
        if (iso is not null)
        {
            order = r.Words(r.Required(iso, "order", "isolation"), "the isolation order") ?? [];
            var ctx = new ReadContext(r, Empty with { Seeds = seeds.ToImmutable(), IsolationOrder = order, WordLists = lists.ToImmutable() }, [], []);
            isolationProvenance = ctx.Provenance(iso, "the isolation order") ?? isolationProvenance;
        }

        var measures = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var measureBounds = ImmutableSortedDictionary.CreateBuilder<string, BoundOperator>(StringComparer.Ordinal);
        if (r.Map(r.Required(map, "measures", "the vocabulary"), "measures", AnyKey(map["measures"])) is { } mm)
        {
            foreach (var k in mm.Keys)
            {
                // A measure is its description, or { summary, bound } when its figures are one-sided.
                if (mm[k] is not YamlMapping)
                {
                    if (r.String(mm[k], $"measure '{k}'") is { } d)
                    {
                        measures[k] = d;
                    }
                    continue;
                }
                if (r.Map(mm[k], $"measure '{k}'", MeasureKeys) is not { } m)
                {
                    continue;
                }
                if (r.String(r.Required(m, "summary", $"measure '{k}'"), "a summary") is { } summary)
                {
                    measures[k] = summary;
                }
                if (m["bound"] is { } bn && r.Word(bn, $"the bound of measure '{k}'", [.. MeasureBoundWords.Keys]) is { } bound)
                {
                    measureBounds[k] = MeasureBoundWords[bound];
                }
            }
        }

        var kinds = ImmutableSortedDictionary.CreateBuilder<string, FactKind>(StringComparer.Ordinal);
        if (r.Map(r.Required(map, "facts", "the vocabulary"), "facts", AnyKey(map["facts"])) is { } fm)
        {
            foreach (var name in fm.Keys)
            {
                var k = r.Map(fm[name], $"fact kind '{name}'", FactKindKeys);
                if (k is null)
                {
                    continue;
                }
                var type = r.Word(r.Required(k, "type", $"fact kind '{name}'"), "a fact type", TypeWords);
                var summary = r.String(k["summary"], "a summary") ?? "";
                string? of = null;
                Dimension? dim = null;
                ImmutableArray<string> allowed = [];
                if (type is "enum" or "set")
                {
                    of = r.Word(r.Required(k, "of", $"fact kind '{name}'"), "a word list", [.. WordListKeys, "isolation", "capabilities", "isolation_boundaries"]);
                }
                if (type == "quantity")
                {
                    var dn = r.String(r.Required(k, "dimension", $"fact kind '{name}'"), "a dimension");
                    if (dn is not null && DimensionNames.TryParse(dn, out var d))
                    {
                        dim = d;
                    }
                    else if (dn is not null)
                    {
                        r.Error(k["dimension"]!, DiagnosticCodes.UnknownWord, $"dimension '{dn}' is not one of: duration, size, count, rate, ratio, cpu");
                    }
                    allowed = r.Words(r.Required(k, "measures", $"fact kind '{name}'"), "measures", measures.Keys.ToList()) ?? [];
                }
                if (type is not null)
                {
                    kinds[name] = new FactKind(name, Enum.Parse<FactType>(type, ignoreCase: true), summary, of, dim, allowed);
                }
            }
        }
        var boundaries = Boundaries(r, map["isolation_boundaries"]);
        var capabilities = Capabilities(r, map["capabilities"]);
        var partial = Empty with { Seeds = seeds.ToImmutable(), IsolationOrder = order, WordLists = lists.ToImmutable(), Measures = measures.ToImmutable(), FactKinds = kinds.ToImmutable(), MeasureBounds = measureBounds.ToImmutable() };
        var scopes = Scopes(r, map["scopes"], kinds);
        var constraints = Constraints(r, map["constraints"], kinds, measures.Keys.ToList(), scopes, partial with { Scopes = scopes });
        return new Vocabulary(seeds.ToImmutable(), order, isolationProvenance, lists.ToImmutable(), measures.ToImmutable(), kinds.ToImmutable(), constraints)
        {
            Scopes = scopes,
            Capabilities = capabilities,
            IsolationBoundaries = boundaries,
            MeasureBounds = measureBounds.ToImmutable(),
        };
    }

    private static ImmutableSortedDictionary<string, IsolationBoundary> Boundaries(FileReader r, YamlNode? node)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, IsolationBoundary>(StringComparer.Ordinal);
        if (node is null || r.Map(node, "isolation_boundaries", AnyKey(node)) is not { } m)
        {
            return result.ToImmutable();
        }
        foreach (var id in m.Keys)
        {
            var what = $"isolation boundary '{id}'";
            var b = r.Map(m[id], what, ["strength", "summary"]);
            if (b is null)
            {
                continue;
            }
            var strength = r.Number(r.Required(b, "strength", what), "strength", 0, 1);
            var summary = r.String(r.Required(b, "summary", what), "summary");
            if (r.Id(m.Node.Entries.First(e => e.Key.Value == id).Key, "a boundary id") is not null && strength is not null && summary is not null)
            {
                result[id] = new IsolationBoundary(id, summary, strength.Value);
            }
        }
        return result.ToImmutable();
    }

    /// <summary><c>capabilities: { layer: { id: { summary, synonyms } } }</c>: a capability id is unique across layers.</summary>
    private static ImmutableSortedDictionary<string, CapabilityDefinition> Capabilities(FileReader r, YamlNode? node)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, CapabilityDefinition>(StringComparer.Ordinal);
        if (node is null || r.Map(node, "capabilities", AnyKey(node)) is not { } layers)
        {
            return result.ToImmutable();
        }
        foreach (var layer in layers.Keys)
        {
            if (r.Map(layers[layer], $"the capabilities of layer '{layer}'", AnyKey(layers[layer])) is not { } caps)
            {
                continue;
            }
            foreach (var entry in caps.Node.Entries)
            {
                var id = entry.Key.Value;
                var what = $"capability '{id}'";
                var c = r.Map(entry.Value, what, ["summary", "synonyms", "choice_only"]);
                if (c is null || r.Id(entry.Key, "a capability id") is null)
                {
                    continue;
                }
                var summary = r.String(r.Required(c, "summary", what), "summary");
                var synonyms = r.Words(c["synonyms"], "synonyms") ?? [];
                if (summary is null)
                {
                    continue;
                }
                if (result.TryGetValue(id, out var prior))
                {
                    r.Error(entry.Key, DiagnosticCodes.DuplicateId, $"capability '{id}' is already defined for layer '{prior.Layer}'; a capability belongs to one layer");
                    continue;
                }
                var choiceOnly = c["choice_only"] is { } co && r.Bool(co, "choice_only") == true;
                result[id] = new CapabilityDefinition(id, layer, summary, synonyms, r.At(entry.Key)) { ChoiceOnly = choiceOnly };
            }
        }
        return result.ToImmutable();
    }

    private static readonly string[] ScopeKeys = ["alias", "name", "fact", "summary", "best", "worst", "ways"];

    /// <summary><c>scopes: { id: { alias, name, fact, summary, ways: [ { note, parts: [ { label, layer, measures, optional, unless_bundled } ] } ] } }</c>.</summary>
    private static ImmutableSortedDictionary<string, ScopeDefinition> Scopes(FileReader r, YamlNode? node, IReadOnlyDictionary<string, FactKind> kinds)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, ScopeDefinition>(StringComparer.Ordinal);
        if (node is null || r.Map(node, "scopes", AnyKey(node)) is not { } m)
        {
            return result.ToImmutable();
        }
        foreach (var entry in m.Node.Entries)
        {
            var id = entry.Key.Value;
            var what = $"scope '{id}'";
            var s = r.Map(entry.Value, what, ScopeKeys);
            if (s is null || r.Id(entry.Key, "a scope id") is null)
            {
                continue;
            }
            var fact = r.Word(r.Required(s, "fact", what), "the fact", kinds.Keys.ToList());
            var allowed = fact is not null && kinds[fact].Type == FactType.Quantity ? kinds[fact].Measures.ToList() : [];
            if (fact is not null && kinds[fact].Type != FactType.Quantity)
            {
                r.Error(s["fact"]!, DiagnosticCodes.Inconsistent, $"{what} composes quantities; fact '{fact}' is of type {kinds[fact].Type.ToString().ToLowerInvariant()}");
            }
            var alias = s["alias"] is { } an ? r.Id(an, "the alias") : null;
            var name = r.String(s["name"], "name") ?? id;
            var summary = r.String(r.Required(s, "summary", what), "summary") ?? "";
            var ways = ImmutableArray.CreateBuilder<ScopeWay>();
            foreach (var w in r.Sequence(r.Required(s, "ways", what), $"the ways of {what}") ?? [])
            {
                var wm = r.Map(w, $"a way of {what}", ["note", "parts"]);
                if (wm is null)
                {
                    continue;
                }
                var parts = ImmutableArray.CreateBuilder<ScopePart>();
                foreach (var p in r.Sequence(r.Required(wm, "parts", $"a way of {what}"), $"the parts of a way of {what}") ?? [])
                {
                    var pm = r.Map(p, $"a part of {what}", ["label", "layer", "measures", "optional", "unless_bundled", "choice_only"]);
                    if (pm is null)
                    {
                        continue;
                    }
                    var label = r.String(r.Required(pm, "label", $"a part of {what}"), "label");
                    var layerNode = r.Required(pm, "layer", $"a part of {what}");
                    var partLayers = layerNode is YamlSequence ? r.Words(layerNode, "the layers") ?? [] : r.Id(layerNode, "the layer") is { } one ? [one] : ImmutableArray<string>.Empty;
                    var layer = partLayers.IsEmpty ? null : partLayers[0];
                    var measures = r.Words(r.Required(pm, "measures", $"a part of {what}"), "measures", allowed) ?? [];
                    var optional = pm["optional"] is { } on ? r.Bool(on, "optional") ?? false : false;
                    var unlessBundled = pm["unless_bundled"] is { } un ? r.Bool(un, "unless_bundled") ?? false : false;
                    var choiceOnly = pm["choice_only"] is { } cn ? r.Bool(cn, "choice_only") ?? false : false;
                    if (label is not null && layer is not null)
                    {
                        parts.Add(new ScopePart(label, layer, measures, optional, unlessBundled, choiceOnly) { Layers = partLayers });
                    }
                }
                if (parts.Count > 0)
                {
                    ways.Add(new ScopeWay(r.String(wm["note"], "a note"), parts.ToImmutable()));
                }
            }
            Quantity? best = null, worst = null;
            if (fact is not null && kinds[fact].Dimension is { } dim)
            {
                best = s["best"] is { } bn ? r.Estimate(bn, "best", dim)?.Low : null;
                worst = s["worst"] is { } wn ? r.Estimate(wn, "worst", dim)?.Low : null;
            }
            if (fact is not null)
            {
                result[id] = new ScopeDefinition(id, alias, name, fact, summary, ways.ToImmutable(), r.At(entry.Key)) { Best = best, Worst = worst };
            }
        }
        return result.ToImmutable();
    }

    private static ImmutableSortedDictionary<string, ConstraintDefinition> Constraints(FileReader r, YamlNode? node,
        IReadOnlyDictionary<string, FactKind> kinds, IReadOnlyCollection<string> measures, IReadOnlyDictionary<string, ScopeDefinition> scopes, Vocabulary vocabulary)
    {
        var conditionContext = new ReadContext(r, vocabulary, [], []);
        var result = ImmutableSortedDictionary.CreateBuilder<string, ConstraintDefinition>(StringComparer.Ordinal);
        var fields = Model.Conditions.ProfileFields.ConstraintFields.Select(f => f.Name).ToList();
        var map = r.Map(node, "constraints", fields);
        if (map is null)
        {
            return result.ToImmutable();
        }
        foreach (var field in map.Keys.Order(StringComparer.Ordinal))
        {
            var what = $"constraint '{field}'";
            var c = r.Map(map[field], what, ConstraintKeys);
            if (c is null)
            {
                continue;
            }
            var fact = r.Word(r.Required(c, "fact", what), "the fact", kinds.Keys.ToList());
            var layers = r.Words(r.Required(c, "layers", what), "layers") ?? [];
            var compare = r.Word(r.Required(c, "compare", what), "the comparison", CompareModes.Keys.ToList());
            var allowed = fact is not null && kinds[fact].Type == FactType.Quantity ? kinds[fact].Measures.ToList() : [];
            var m = c["measures"] is { } mn ? r.Words(mn, "measures", allowed.Count > 0 ? allowed : measures) ?? [] : [];
            var order = r.Words(c["order"], "order") ?? [];
            if (compare == "ordered" && order.IsEmpty)
            {
                r.Error(c.Node, DiagnosticCodes.MissingField, $"{what} compares by order and needs 'order'");
            }
            var summary = r.String(c["summary"], "summary") ?? "";
            var choices = ImmutableArray.CreateBuilder<ScopeChoice>();
            foreach (var item in r.Sequence(c["scopes"], "scopes") ?? [])
            {
                var sm = r.Map(item, $"a scope of {what}", ["when", "scope"]);
                if (sm is null)
                {
                    continue;
                }
                var when = sm["when"] is { } wn ? conditionContext.Condition(wn, $"the condition of a scope of {what}") : null;
                var scope = r.Word(r.Required(sm, "scope", $"a scope of {what}"), "the scope", scopes.Keys.ToList());
                if (scope is not null && fact is not null && scopes[scope].Fact != fact)
                {
                    r.Error(sm["scope"]!, DiagnosticCodes.Inconsistent, $"{what} compares fact '{fact}', but scope '{scope}' composes '{scopes[scope].Fact}'");
                }
                if (scope is not null)
                {
                    choices.Add(new ScopeChoice(when, scope));
                }
            }
            if (choices.Count > 0 && choices[^1].When is not null)
            {
                r.Error(c["scopes"]!, DiagnosticCodes.Inconsistent, $"the last scope of {what} must have no 'when': it is the default");
            }
            if (fact is not null && compare is not null)
            {
                result[field] = new ConstraintDefinition(field, fact, layers, CompareModes[compare], m, order, summary, r.At(c.Node)) { Scopes = choices.ToImmutable() };
            }
        }
        return result.ToImmutable();
    }

    // Mappings whose keys are data (measure names, fact names) accept any key.
    private static string[] AnyKey(YamlNode? node) =>
        node is YamlMapping m ? m.Entries.Select(e => e.Key.Value).ToArray() : [];
}
