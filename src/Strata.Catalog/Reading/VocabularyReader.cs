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
        "guest_os", "host_requirements", "cncf_levels", "release_cadences", "levels", "gpu_isolation",
    ];

    private static readonly string[] Keys = [.. WordListKeys, "seeds", "isolation", "measures", "facts", "constraints"];
    private static readonly string[] ConstraintKeys = ["fact", "layers", "compare", "measures", "order", "summary"];

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
        if (r.Map(r.Required(map, "measures", "the vocabulary"), "measures", AnyKey(map["measures"])) is { } mm)
        {
            foreach (var k in mm.Keys)
            {
                if (r.String(mm[k], $"measure '{k}'") is { } d)
                {
                    measures[k] = d;
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
                    of = r.Word(r.Required(k, "of", $"fact kind '{name}'"), "a word list", [.. WordListKeys, "isolation"]);
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
        var constraints = Constraints(r, map["constraints"], kinds, measures.Keys.ToList());
        return new Vocabulary(seeds.ToImmutable(), order, isolationProvenance, lists.ToImmutable(), measures.ToImmutable(), kinds.ToImmutable(), constraints);
    }

    private static ImmutableSortedDictionary<string, ConstraintDefinition> Constraints(FileReader r, YamlNode? node,
        IReadOnlyDictionary<string, FactKind> kinds, IReadOnlyCollection<string> measures)
    {
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
            if (fact is not null && compare is not null)
            {
                result[field] = new ConstraintDefinition(field, fact, layers, CompareModes[compare], m, order, summary, r.At(c.Node));
            }
        }
        return result.ToImmutable();
    }

    // Mappings whose keys are data (measure names, fact names) accept any key.
    private static string[] AnyKey(YamlNode? node) =>
        node is YamlMapping m ? m.Entries.Select(e => e.Key.Value).ToArray() : [];
}
