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
                if (node is YamlMapping)
                {
                    return ScopedQuantity(ctx, node, field, what);
                }
                return r.Estimate(node, what, field.Dimension) is { } e ? new QuantityConstraint(e) : null;
            case FieldKind.WordSet when field.Vocabulary == "capabilities":
                return Capabilities(ctx, node, what);
            case FieldKind.WordSet:
                var allowed = AllowedWords(ctx, field);
                if (node is YamlScalar { IsNull: false })
                {
                    return r.Word(node, what, allowed) is { } one ? new WordSetConstraint([one]) : null;
                }
                return r.Words(node, what, allowed) is { } ws ? new WordSetConstraint(ws) : null;
            case FieldKind.Isolation:
                if (node is YamlMapping)
                {
                    return Boundaries(ctx, node, what);
                }
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

    /// <summary><c>{ max: 100ms, of: workload-start }</c>, <c>{ min: 1000 }</c> or <c>{ value: "&lt; 1s", of: runtime-start }</c>: a bound at a named scope.</summary>
    private static QuantityConstraint? ScopedQuantity(ReadContext ctx, YamlNode node, ProfileField field, string what)
    {
        var r = ctx.R;
        var m = r.Map(node, what, ["max", "min", "value", "of"]);
        if (m is null)
        {
            return null;
        }
        var given = new[] { "max", "min", "value" }.Where(m.Has).ToList();
        if (given.Count != 1)
        {
            r.Error(node, given.Count == 0 ? DiagnosticCodes.MissingField : DiagnosticCodes.Inconsistent,
                $"{what} needs exactly one of 'max', 'min' or 'value' (e.g. {{ max: 100ms, of: workload-start }})");
            return null;
        }
        var e = r.Estimate(m[given[0]], what, field.Dimension);
        if (e is null)
        {
            return null;
        }
        if (given[0] != "value")
        {
            if (e.Form != Model.Quantities.EstimateForm.Point)
            {
                r.Error(m[given[0]]!, DiagnosticCodes.WrongType, $"'{given[0]}' in {what} is one figure such as 100ms, not {e}");
                return null;
            }
            e = Model.Quantities.Estimate.Bounded(given[0] == "max" ? Model.Quantities.BoundOperator.LessOrEqual : Model.Quantities.BoundOperator.GreaterOrEqual, e.Low!.Value);
        }
        string? scope = null;
        if (m["of"] is { } sn)
        {
            var text = r.String(sn, "of");
            if (text is not null)
            {
                if (ctx.Vocabulary.Scope(text) is { } sd)
                {
                    // A scope composes one kind of figure: 'of: per-pod-resident' on cold_start would compare a memory
                    // figure with a duration, or find nothing and call every stack unknown.
                    if (ctx.Vocabulary.Constraints.TryGetValue(field.Name, out var definition) && definition.Fact != sd.Fact)
                    {
                        var fitting = ctx.Vocabulary.Scopes.Values.Where(x => x.Fact == definition.Fact).Select(x => x.Id).ToList();
                        r.Error(sn, DiagnosticCodes.Inconsistent,
                            $"scope '{text}' composes {sd.Fact} figures, but {what} compares {definition.Fact} (scopes for it: {(fitting.Count == 0 ? "none" : string.Join(", ", fitting))})");
                        return null;
                    }
                    scope = sd.Id;
                }
                else
                {
                    var names = ctx.Vocabulary.Scopes.Values.SelectMany(x => x.Alias is null ? [x.Id] : new[] { x.Id, x.Alias }).ToList();
                    r.Error(sn, DiagnosticCodes.UnknownWord, $"'{text}' is not a scope (one of: {string.Join(", ", names)}){Suggestions.DidYouMean(text, names)}");
                    return null;
                }
            }
        }
        return new QuantityConstraint(e) { Scope = scope };
    }

    /// <summary><c>{ class: "&gt;= sandbox", any_of: [hardware-virtualisation, user-space-kernel] }</c>: a class and/or boundaries, one of which the runtime must have.</summary>
    private static IsolationConstraint? Boundaries(ReadContext ctx, YamlNode node, string what)
    {
        var r = ctx.R;
        var m = r.Map(node, what, ["class", "any_of"]);
        if (m is null)
        {
            return null;
        }
        IsolationRequirement? cls = null;
        if (m["class"] is { } cn && r.String(cn, "class") is { } text)
        {
            cls = Isolation(text, ctx.Vocabulary);
            if (cls is null)
            {
                r.Error(cn, DiagnosticCodes.UnknownWord, $"{what} class '{text}' must be an isolation class (classes: {string.Join(", ", ctx.Vocabulary.IsolationOrder)})");
                return null;
            }
        }
        var anyOf = m["any_of"] is { } an ? r.Words(an, "any_of", ctx.Vocabulary.IsolationBoundaries.Keys.ToList()) : null;
        if (anyOf is { IsEmpty: true } && m["any_of"] is { } emptyList)
        {
            // An empty list would load as "no requirement" and silently accept every runtime.
            r.Error(emptyList, DiagnosticCodes.MissingField, $"{what} any_of lists no boundary; name at least one ({string.Join(", ", ctx.Vocabulary.IsolationBoundaries.Keys)}) or leave any_of out");
            return null;
        }
        if (cls is null && anyOf is null)
        {
            r.Error(node, DiagnosticCodes.MissingField, $"{what} needs 'class' or 'any_of' (boundaries: {string.Join(", ", ctx.Vocabulary.IsolationBoundaries.Keys)})");
            return null;
        }
        return new IsolationConstraint(cls) { AnyOf = anyOf is { IsEmpty: false } a ? [a] : [] };
    }

    /// <summary>
    /// A list of capability ids. A word that is a synonym ("ambient", "scale to zero") is an error naming the id it
    /// stands for, so profiles keep to the controlled vocabulary and still get a useful message.
    /// </summary>
    private static WordSetConstraint? Capabilities(ReadContext ctx, YamlNode node, string what)
    {
        var r = ctx.R;
        var items = node is YamlSequence seq ? seq.Items : node is YamlScalar { IsNull: false } ? [node] : null;
        if (items is null)
        {
            r.Error(node, DiagnosticCodes.WrongType, $"{what} must be a list of capabilities, not {node.KindName}");
            return null;
        }
        var caps = ctx.Vocabulary.Capabilities;
        var words = ImmutableArray.CreateBuilder<string>();
        var ok = true;
        foreach (var item in items)
        {
            if (r.String(item, what) is not { } word)
            {
                ok = false;
                continue;
            }
            if (caps.ContainsKey(word))
            {
                if (!words.Contains(word))
                {
                    words.Add(word);
                }
                continue;
            }
            ok = false;
            var bySynonym = caps.Values.FirstOrDefault(c => c.Synonyms.Any(x => string.Equals(x, word, StringComparison.OrdinalIgnoreCase)));
            var hint = bySynonym is not null
                ? $"; '{word}' is what people call '{bySynonym.Id}' ({bySynonym.Layer}: {bySynonym.Summary})"
                : Suggestions.DidYouMean(word, caps.Keys.Concat(caps.Values.SelectMany(c => c.Synonyms)).Distinct(StringComparer.Ordinal));
            r.Error(item, DiagnosticCodes.UnknownWord, $"'{word}' in {what} is not a capability of the vocabulary{hint} (run 'strata catalog capabilities' for the list)");
        }
        return ok ? new WordSetConstraint(words.ToImmutable()) : null;
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
