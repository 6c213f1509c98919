using System.Collections.Immutable;
using Strata.Catalog.Reading;
using Strata.Model.Entities;

namespace Strata.Cli.Commands;

/// <summary>Parses a stack written on the command line: <c>orchestration=k3s,runtime=wasmedge</c>.</summary>
public static class StackArgument
{
    public static Stack? Parse(string text, Model.Entities.Catalog catalog, List<string> errors)
    {
        var b = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                // A bare id names its own layer: "k3s,wasmedge" works too.
                if (catalog.Technology(part) is { } bare)
                {
                    b[bare.Layer] = [bare.Id];
                    continue;
                }
                errors.Add($"'{part}' is neither layer=id nor a technology id{Suggestions.DidYouMean(part, catalog.Technologies.Select(t => t.Id))}");
                continue;
            }
            var (layer, id) = (part[..eq], part[(eq + 1)..]);
            if (catalog.Layer(layer) is null)
            {
                errors.Add($"there is no layer '{layer}'{Suggestions.DidYouMean(layer, catalog.Layers.Select(l => l.Id))}");
                continue;
            }
            if (catalog.Technology(id) is not { } tech)
            {
                errors.Add($"there is no technology '{id}'{Suggestions.DidYouMean(id, catalog.Technologies.Select(t => t.Id))}");
                continue;
            }
            if (tech.Layer != layer)
            {
                errors.Add($"'{id}' is a {tech.Layer} technology, not {layer}");
                continue;
            }
            b[layer] = [id];
        }
        if (b.Count == 0 && errors.Count == 0)
        {
            errors.Add("the stack is empty; write it as layer=id,layer=id (e.g. orchestration=k3s,runtime=wasmedge)");
        }
        return errors.Count == 0 ? new Stack(b.ToImmutable()) : null;
    }
}
