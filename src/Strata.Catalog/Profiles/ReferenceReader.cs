using System.Collections.Immutable;
using Strata.Catalog.Reading;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;

namespace Strata.Catalog.Profiles;

/// <summary>
/// Reads a profile's <c>reference:</c> block: the real system it describes, the public sources, and the
/// per-layer choice that system made. The engine never reads it; the reference suite compares against it.
/// </summary>
public static class ReferenceReader
{
    public static ReferenceDecision? Read(ReadContext ctx, YamlNode node)
    {
        var r = ctx.R;
        var m = r.Map(node, "the reference", ["system", "decided", "as_of", "sources", "chose", "not_in_catalogue", "conditions", "differences"]);
        if (m is null)
        {
            return null;
        }
        var system = r.String(r.Required(m, "system", "the reference"), "system");
        var sources = ImmutableArray.CreateBuilder<ReferenceSource>();
        foreach (var item in r.Sequence(r.Required(m, "sources", "the reference"), "the sources") ?? [])
        {
            var sm = r.Map(item, "a reference source", ["url", "title", "published", "read"]);
            if (sm is null)
            {
                continue;
            }
            var url = r.Url(r.Required(sm, "url", "a reference source"), "url");
            var title = r.String(r.Required(sm, "title", "a reference source"), "title");
            var published = sm["published"] is { } pn ? r.Date(pn, "published") : null;
            var read = r.String(r.Required(sm, "read", "a reference source"), "read");
            if (url is not null && title is not null && read is not null)
            {
                sources.Add(new ReferenceSource(url, title, published, read));
            }
        }
        if (sources.Count == 0 && m["sources"] is { } none)
        {
            r.Error(none, DiagnosticCodes.MissingField, "a reference decision needs at least one public source");
        }
        var chose = ctx.Stack(r.Required(m, "chose", "the reference"), "what the real system chose");
        var notIn = Texts(r, m["not_in_catalogue"], "not_in_catalogue");
        var differences = Texts(r, m["differences"], "differences");
        var conditions = r.String(m["conditions"], "conditions");
        return system is null || chose is null ? null
            : new ReferenceDecision(system, sources.ToImmutable(), chose, notIn, conditions) { KnownDifferences = differences, Decided = r.String(m["decided"], "decided"), AsOf = AsOf(r, m["as_of"]) };
    }

    /// <summary>The year the decision was taken (<c>as_of: 2017</c>): the suite replays it among the technologies released by then.</summary>
    private static int? AsOf(FileReader r, YamlNode? node)
    {
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalar { Value: var text } && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 1990 and <= 2100)
        {
            return year;
        }
        r.Error(node, DiagnosticCodes.WrongType, "as_of must be the year the decision was taken, e.g. 2017");
        return null;
    }

    private static ImmutableSortedDictionary<string, string> Texts(FileReader r, YamlNode? node, string what)
    {
        var b = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (node is YamlMapping mapping)
        {
            foreach (var (key, value) in mapping.Entries)
            {
                if (r.String(value, $"'{key.Value}' in {what}") is { } text)
                {
                    b[key.Value] = text;
                }
            }
        }
        else if (node is not null)
        {
            r.Error(node, DiagnosticCodes.WrongType, $"{what} maps a layer to a sentence");
        }
        return b.ToImmutable();
    }
}
