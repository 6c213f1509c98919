using System.Collections.Immutable;
using Strata.Model.Entities;

namespace Strata.Application.Requests;

/// <summary>Reads a stack written as text, <c>orchestration=k3s,runtime=wasmedge</c> (or bare ids), against a catalogue.</summary>
public static class StackParser
{
    /// <summary>The stack, or null with every problem added to <paramref name="problems"/> under <paramref name="subject"/> (which stack of the request it is).</summary>
    public static Stack? Parse(string text, Model.Entities.Catalog catalog, string subject, ICollection<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = new List<string>();
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
                errors.Add(Messages.NotAStackPart(part, catalog.Technologies.Select(t => t.Id)));
                continue;
            }
            var (layer, id) = (part[..eq], part[(eq + 1)..]);
            if (catalog.Layer(layer) is null)
            {
                errors.Add(Messages.NoSuchLayer(layer, catalog.Layers.Select(l => l.Id)));
                continue;
            }
            if (catalog.Technology(id) is not { } tech)
            {
                errors.Add(Messages.NoSuchTechnology(id, catalog.Technologies.Select(t => t.Id)));
                continue;
            }
            if (tech.Layer != layer)
            {
                errors.Add(Messages.WrongLayer(id, tech.Layer, layer));
                continue;
            }
            b[layer] = [id];
        }
        if (b.Count == 0 && errors.Count == 0)
        {
            errors.Add(Messages.EmptyStack);
        }
        foreach (var e in errors)
        {
            problems.Add(new Problem(ProblemCodes.BadStack, e, subject));
        }
        return errors.Count == 0 ? new Stack(b.ToImmutable()) : null;
    }
}
