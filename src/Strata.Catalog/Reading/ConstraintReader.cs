using System.Collections.Immutable;
using Strata.Catalog.Yaml;
using Strata.Model.Conditions;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;

namespace Strata.Catalog.Reading;

/// <summary>Reads constraints in the profile syntax (shared by scenarios, rules, cases and, later, profiles).</summary>
public static class ConstraintReader
{
    public static ConstraintSet? Read(ReadContext ctx, YamlNode? node, string what)
    {
        var known = ProfileFields.ConstraintFields.Select(f => f.Name).ToList();
        var map = ctx.R.Map(node, what, known);
        if (map is null)
        {
            return null;
        }
        var b = ImmutableSortedDictionary.CreateBuilder<string, ConstraintValue>(StringComparer.Ordinal);
        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            ProfileFields.TryGet(key, out var field);
            if (Value(ctx, map[key]!, field, $"'{key}' in {what}") is { } v)
            {
                b[key] = v;
            }
        }
        return new ConstraintSet(b.ToImmutable());
    }

    public static ConstraintValue? Value(ReadContext ctx, YamlNode node, ProfileField field, string what)
    {
        var r = ctx.R;
        switch (field.Kind)
        {
            case FieldKind.Bool:
                return r.Bool(node, what) is { } b ? new BoolConstraint(b) : null;
            case FieldKind.Quantity:
                return r.Estimate(node, what, field.Dimension) is { } e ? new QuantityConstraint(e) : null;
            case FieldKind.WordSet:
                var allowed = AllowedWords(ctx, field);
                if (node is YamlScalar { IsNull: false })
                {
                    return r.Word(node, what, allowed) is { } one ? new WordSetConstraint([one]) : null;
                }
                return r.Words(node, what, allowed) is { } ws ? new WordSetConstraint(ws) : null;
            case FieldKind.Isolation:
                var text = r.String(node, what);
                if (text is null)
                {
                    return null;
                }
                var parsed = Isolation(text, ctx.Vocabulary);
                if (parsed is null)
                {
                    r.Error(node, DiagnosticCodes.UnknownWord,
                        $"{what} '{text}' must be an isolation class, optionally with a comparison such as '>= container' (classes: {string.Join(", ", ctx.Vocabulary.IsolationOrder)})");
                    return null;
                }
                return new IsolationConstraint(parsed);
            default:
                return r.Word(node, what, AllowedWords(ctx, field)) is { } w ? new WordConstraint(w) : null;
        }
    }

    public static IReadOnlyCollection<string> AllowedWords(ReadContext ctx, ProfileField field)
    {
        if (field.Vocabulary is null)
        {
            return [];
        }
        if (ProfileFields.BuiltInWords.TryGetValue(field.Vocabulary, out var builtIn))
        {
            return builtIn.ToList();
        }
        var words = ctx.Vocabulary.Words(field.Vocabulary).ToList();
        if (field.Name == "workload_format")
        {
            words.Add("any");
        }
        return words;
    }

    public static IsolationRequirement? Isolation(string text, Vocabulary vocabulary)
    {
        var t = text.Trim();
        var op = CompareOperator.GreaterOrEqual; // a bare class means "at least this strong"
        foreach (var (prefix, o) in new[] { (">=", CompareOperator.GreaterOrEqual), ("<=", CompareOperator.LessOrEqual), (">", CompareOperator.Greater), ("<", CompareOperator.Less), ("==", CompareOperator.Equal) })
        {
            if (t.StartsWith(prefix, StringComparison.Ordinal))
            {
                op = o;
                t = t[prefix.Length..].Trim();
                break;
            }
        }
        return vocabulary.IsolationOrder.Contains(t) ? new IsolationRequirement(op, t) : null;
    }
}
