using System.Collections.Immutable;
using Strata.Catalog.Yaml;
using Strata.Model.Conditions;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;
using Strata.Model.Evidence;

namespace Strata.Catalog.Reading;

/// <summary>What the readers of one file share: the file's reader, the vocabulary, and the references to check later.</summary>
public sealed class ReadContext(FileReader reader, Vocabulary vocabulary, List<Reference> references, List<ConditionText> conditions)
{
    public FileReader R { get; } = reader;
    public Vocabulary Vocabulary { get; } = vocabulary;
    public List<ConditionText> Conditions { get; } = conditions;

    public void Refer(ReferenceKind kind, string id, YamlNode node, string context, string? expectedLayer = null) =>
        references.Add(new(kind, id, R.At(node), context, expectedLayer));

    /// <summary>Refers to each id of a list read from <paramref name="node"/> at its own item's position (a list's words, in order).</summary>
    public void ReferEach(ReferenceKind kind, IReadOnlyList<string> ids, YamlNode? node, string context)
    {
        if (node is YamlSequence seq)
        {
            for (var i = 0; i < ids.Count && i < seq.Items.Count; i++)
            {
                Refer(kind, ids[i], seq.Items[i], context);
            }
        }
    }

    private static readonly string[] ProvenanceKeys = ["seed", "source", "measured"];

    /// <summary>
    /// Reads the provenance keys of a mapping (exactly one of seed, source, measured).
    /// Reports a fact without provenance, or with more than one.
    /// </summary>
    public Provenance? Provenance(MapView map, string what, bool required = true)
    {
        var present = ProvenanceKeys.Where(map.Has).ToList();
        if (present.Count == 0)
        {
            if (required)
            {
                R.Error(map.Node, DiagnosticCodes.MissingProvenance, $"{what} has no provenance: give 'seed', 'source' or 'measured'");
            }
            return null;
        }
        if (present.Count > 1)
        {
            R.Error(map[present[1]]!, DiagnosticCodes.ConflictingProvenance,
                $"{what} gives both '{present[0]}' and '{present[1]}'; a fact has one provenance — write two facts");
            return null;
        }
        return present[0] switch
        {
            "seed" => Seed(map["seed"]!, what),
            "source" => Source(map["source"]!, what),
            _ => Measured(map["measured"]!, what),
        };
    }

    private SeedReference? Seed(YamlNode node, string what)
    {
        var s = R.String(node, $"the seed of {what}");
        if (s is null)
        {
            return null;
        }
        var parts = s.Split(' ', 2, StringSplitOptions.TrimEntries);
        var section = parts.Length == 2 ? parts[1].TrimStart('§').Trim() : "";
        if (parts.Length != 2 || section.Length == 0 || !parts[1].StartsWith('§'))
        {
            R.Error(node, DiagnosticCodes.WrongType, $"the seed of {what} '{s}' must look like \"003 §17.3.2\": a seed id and a section");
            return null;
        }
        var ids = Vocabulary.Seeds.Select(x => x.Id).ToList();
        if (!ids.Contains(parts[0]))
        {
            R.Error(node, DiagnosticCodes.DanglingReference, $"seed '{parts[0]}' is not one of the seeds: {string.Join(", ", ids)}");
            return null;
        }
        return new SeedReference(parts[0], section);
    }

    private static readonly string[] SourceKeys = ["url", "conditions", "grade", "title"];

    private SourceReference? Source(YamlNode node, string what)
    {
        if (node is YamlScalar)
        {
            var url = R.Url(node, $"the source of {what}");
            return url is null ? null : new SourceReference(url, null, SourceGrade.Docs);
        }
        var map = R.Map(node, $"the source of {what}", SourceKeys);
        if (map is null)
        {
            return null;
        }
        var u = R.Url(R.Required(map, "url", $"the source of {what}"), "a source url");
        var conditions = R.String(map["conditions"], "source conditions");
        var grade = map["grade"] is { } g ? R.Word(g, "a source grade", GradeWords) : "docs";
        if (u is null || grade is null)
        {
            return null;
        }
        return new SourceReference(u, conditions, Enum.Parse<SourceGrade>(grade, ignoreCase: true));
    }

    private static readonly string[] GradeWords = ["primary", "paper", "docs", "vendor"];
    private static readonly string[] MeasuredKeys = ["host", "tool", "date", "runs"];

    private Measurement? Measured(YamlNode node, string what)
    {
        var map = R.Map(node, $"the measurement of {what}", MeasuredKeys);
        if (map is null)
        {
            return null;
        }
        var host = R.String(R.Required(map, "host", $"the measurement of {what}"), "a measurement host");
        var tool = R.String(R.Required(map, "tool", $"the measurement of {what}"), "a measurement tool");
        var date = R.Date(map["date"], "a measurement date");
        var runs = R.Integer(map["runs"], "runs", 1);
        return host is null || tool is null ? null : new Measurement(host, tool, date, runs);
    }

    private static readonly string[] StatusWords = ["supported", "plausible", "unsupported", "overstated", "contradicted"];

    /// <summary>Reads <c>status</c>, which only a seed claim may carry.</summary>
    public ClaimStatus? Status(MapView map, Provenance? provenance, string what)
    {
        if (map["status"] is not { } node)
        {
            return null;
        }
        var w = R.Word(node, $"the status of {what}", StatusWords);
        if (w is null)
        {
            return null;
        }
        if (provenance is not null and not SeedReference)
        {
            R.Error(node, DiagnosticCodes.Inconsistent, $"only a seed claim carries a status; {what} comes from a {provenance.Kind}");
            return null;
        }
        return Enum.Parse<ClaimStatus>(w, ignoreCase: true);
    }

    /// <summary>Reads a condition and remembers it for checking once predicates are known.</summary>
    public ConditionText? Condition(YamlNode? node, string what)
    {
        var text = R.String(node, what);
        if (text is null)
        {
            return null;
        }
        var parsed = ConditionParser.Parse(text);
        if (!parsed.Success)
        {
            R.Error(node!, DiagnosticCodes.BadExpression, $"{what} '{text}' does not parse: {parsed.Error}");
            return null;
        }
        var c = new ConditionText(text, parsed.Value, R.At(node!));
        Conditions.Add(c);
        return c;
    }

    /// <summary>A stack: layer → technology id, or layer → list of ids.</summary>
    public Stack? Stack(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not YamlMapping m)
        {
            R.Error(node, DiagnosticCodes.WrongType, $"{what} must be a mapping of layer to technology id, not {node.KindName}");
            return null;
        }
        var b = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (key, value) in m.Entries)
        {
            Refer(ReferenceKind.Layer, key.Value, key, what);
            ImmutableArray<string> ids;
            if (value is YamlSequence)
            {
                var list = R.Words(value, $"the {key.Value} of {what}");
                if (list is null)
                {
                    ok = false;
                    continue;
                }
                ids = list.Value;
            }
            else
            {
                var id = R.String(value, $"the {key.Value} of {what}");
                if (id is null)
                {
                    ok = false;
                    continue;
                }
                ids = [id];
            }
            foreach (var id in ids)
            {
                Refer(ReferenceKind.Technology, id, value, what, key.Value);
            }
            if (!b.TryAdd(key.Value, ids))
            {
                R.Error(key, DiagnosticCodes.DuplicateKey, $"layer '{key.Value}' appears twice in {what}");
            }
        }
        return ok ? new Stack(b.ToImmutable()) : null;
    }
}
