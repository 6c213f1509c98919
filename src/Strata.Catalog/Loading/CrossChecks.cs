using Strata.Catalog.Reading;
using Strata.Model.Conditions;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;

namespace Strata.Catalog.Loading;

/// <summary>The checks that need every file read: ids, references, conditions, trees.</summary>
internal sealed class CrossChecks(List<Diagnostic> diagnostics, Vocabulary vocabulary)
{
    private void Error(SourceLocation at, string code, string message) => diagnostics.Add(new(at, Severity.Error, code, message));

    public void DuplicateIds<T>(string kind, IEnumerable<T> items) where T : IEntity
    {
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!seen.TryAdd(item.Id, item.Location))
            {
                Error(item.Location, DiagnosticCodes.DuplicateId, $"duplicate {kind} id '{item.Id}': {seen[item.Id]} already defines it");
            }
        }
    }

    public void References(IEnumerable<Reference> references, IReadOnlyList<Layer> layers, IReadOnlyList<Criterion> criteria,
        IReadOnlyList<Technology> technologies, IReadOnlyList<Scenario> scenarios, IReadOnlyList<Table> tables)
    {
        var ids = new Dictionary<ReferenceKind, HashSet<string>>
        {
            [ReferenceKind.Layer] = layers.Select(l => l.Id).ToHashSet(StringComparer.Ordinal),
            [ReferenceKind.Criterion] = criteria.Select(c => c.Id).ToHashSet(StringComparer.Ordinal),
            [ReferenceKind.Technology] = technologies.Select(t => t.Id).ToHashSet(StringComparer.Ordinal),
            [ReferenceKind.Scenario] = scenarios.Select(s => s.Id).ToHashSet(StringComparer.Ordinal),
            [ReferenceKind.Table] = tables.Select(t => t.Id).ToHashSet(StringComparer.Ordinal),
        };
        var layerOf = technologies.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First().Layer, StringComparer.Ordinal);
        foreach (var r in references)
        {
            var known = ids[r.Kind];
            if (!known.Contains(r.Id))
            {
                var kind = r.Kind.ToString().ToLowerInvariant();
                Error(r.Location, DiagnosticCodes.DanglingReference,
                    $"{r.Context} refers to {kind} '{r.Id}', which the catalogue does not define{Suggestions.DidYouMean(r.Id, known)}");
                continue;
            }
            if (r.ExpectedLayer is { } layer && layerOf.TryGetValue(r.Id, out var actual) && actual != layer && ids[ReferenceKind.Layer].Contains(layer))
            {
                Error(r.Location, DiagnosticCodes.Inconsistent,
                    $"{r.Context} puts '{r.Id}' in layer '{layer}', but '{r.Id}' is a {actual} technology");
            }
        }
    }

    public void Conditions(IEnumerable<ConditionText> conditions, IReadOnlySet<string> predicateIds, IReadOnlyList<Scenario> scenarios, IReadOnlyList<Layer>? layers = null)
    {
        var scenarioIds = scenarios.Select(s => s.Id).ToList();
        var layerIds = layers?.Select(l => l.Id).ToList() ?? [];
        var names = ProfileFields.All.Select(f => f.Name).Concat(predicateIds).ToList();
        foreach (var c in conditions)
        {
            Check(c, c.Condition);
        }

        void Check(ConditionText owner, Condition condition)
        {
            switch (condition)
            {
                case AndCondition a: Check(owner, a.Left); Check(owner, a.Right); break;
                case OrCondition o: Check(owner, o.Left); Check(owner, o.Right); break;
                case NotCondition n: Check(owner, n.Inner); break;
                case ReferenceCondition r:
                    if (predicateIds.Contains(r.Name.Name))
                    {
                        break;
                    }
                    if (Field(owner, r.Name) is { } f && f.Kind != FieldKind.Bool)
                    {
                        Bad(owner, r.Name.Offset, $"'{f.Name}' is not true or false on its own; compare it, e.g. '{f.Name} == …'");
                    }
                    break;
                case CompareCondition cmp:
                    if (Field(owner, cmp.Field) is not { } field)
                    {
                        break;
                    }
                    var ordering = cmp.Operator is not (CompareOperator.Equal or CompareOperator.NotEqual);
                    switch (field.Kind)
                    {
                        case FieldKind.Quantity:
                            if (cmp.Value.Quantity is not { } q)
                            {
                                Bad(owner, cmp.Value.Offset, $"'{field.Name}' is a {field.Dimension?.ToString().ToLowerInvariant()}; compare it with a quantity, not '{cmp.Value.Text}'");
                            }
                            else if (q.Dimension != field.Dimension && !(field.Dimension == Model.Quantities.Dimension.Cpu && q.Dimension == Model.Quantities.Dimension.Count))
                            {
                                Bad(owner, cmp.Value.Offset, $"'{field.Name}' is a {field.Dimension?.ToString().ToLowerInvariant()}, but '{cmp.Value.Text}' is a {q.Dimension.ToString().ToLowerInvariant()}");
                            }
                            break;
                        case FieldKind.Isolation:
                            WordOf(owner, field, cmp.Value);
                            break;
                        case FieldKind.Bool:
                            if (ordering || cmp.Value.Bool is null)
                            {
                                Bad(owner, cmp.Value.Offset, $"'{field.Name}' is true or false; write '{field.Name}' or 'not {field.Name}'");
                            }
                            break;
                        default:
                            if (ordering)
                            {
                                Bad(owner, cmp.Field.Offset, $"'{field.Name}' is a word; only == and != compare it");
                            }
                            WordOf(owner, field, cmp.Value);
                            break;
                    }
                    break;
                case InCondition inc:
                    if (Field(owner, inc.Field) is { } inField)
                    {
                        foreach (var v in inc.Values)
                        {
                            WordOf(owner, inField, v);
                        }
                    }
                    break;
                case ContainsCondition con:
                    if (Field(owner, con.Field) is { } setField)
                    {
                        if (setField.Kind != FieldKind.WordSet)
                        {
                            Bad(owner, con.Field.Offset, $"'{setField.Name}' is not a list; 'contains' reads lists such as device_access");
                        }
                        WordOf(owner, setField, con.Value);
                    }
                    break;
            }
        }

        ProfileField? Field(ConditionText owner, Identifier id)
        {
            if (ProfileFields.TryGet(id.Name, out var f))
            {
                return f;
            }
            if (!predicateIds.Contains(id.Name))
            {
                Error(At(owner, id.Offset), DiagnosticCodes.DanglingReference,
                    $"'{id.Name}' in condition '{owner.Text}' is neither a profile field nor a predicate{Suggestions.DidYouMean(id.Name, names)}");
            }
            else
            {
                Bad(owner, id.Offset, $"'{id.Name}' is a predicate; it cannot be compared");
            }
            return null;
        }

        void WordOf(ConditionText owner, ProfileField field, Literal value)
        {
            IReadOnlyCollection<string> allowed = field.Vocabulary switch
            {
                null => [],
                "scenario" => scenarioIds,
                "layers" => layerIds,
                "isolation" => vocabulary.IsolationOrder,
                _ when ProfileFields.BuiltInWords.TryGetValue(field.Vocabulary, out var b) => b.ToList(),
                _ => [.. vocabulary.Words(field.Vocabulary), .. field.Name == "workload_format" ? new[] { "any" } : []],
            };
            if (allowed.Count > 0 && !allowed.Contains(value.Text))
            {
                Error(At(owner, value.Offset), DiagnosticCodes.UnknownWord,
                    $"'{value.Text}' is not a value of '{field.Name}' (one of: {string.Join(", ", allowed)}){Suggestions.DidYouMean(value.Text, allowed)}");
            }
        }

        void Bad(ConditionText owner, int offset, string message) =>
            Error(At(owner, offset), DiagnosticCodes.BadExpression, $"in condition '{owner.Text}': {message}");
    }

    // Conditions are one-line scalars; the column of a part is the scalar's column plus its offset (plus a quote).
    private static SourceLocation At(ConditionText c, int offset) => c.Location with { Column = c.Location.Column + offset };

    public void PredicateCycles(IReadOnlyList<Predicate> predicates)
    {
        var byId = predicates.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var edges = byId.ToDictionary(kv => kv.Key,
            kv => kv.Value.When.Condition.Identifiers().Select(i => i.Name).Where(byId.ContainsKey).Distinct().ToList(), StringComparer.Ordinal);
        foreach (var cycle in Cycles(edges))
        {
            var p = byId[cycle[0]];
            Error(p.When.Location, DiagnosticCodes.Cycle, $"predicates refer to each other in a circle: {string.Join(" -> ", cycle)} -> {cycle[0]}");
        }
    }

    public void Tree(DecisionTree tree)
    {
        var nodes = new Dictionary<string, TreeNode>(StringComparer.Ordinal);
        foreach (var n in tree.Nodes)
        {
            if (!nodes.TryAdd(n.Id, n))
            {
                Error(n.Location, DiagnosticCodes.DuplicateId, $"node '{n.Id}' appears twice in tree '{tree.Id}'");
            }
        }
        if (!nodes.ContainsKey(tree.Root))
        {
            Error(tree.Location, DiagnosticCodes.DanglingReference, $"tree '{tree.Id}' starts at '{tree.Root}', which is not one of its nodes{Suggestions.DidYouMean(tree.Root, nodes.Keys)}");
        }
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var n in nodes.Values)
        {
            var targets = new List<string>();
            foreach (var b in n.Branches)
            {
                if (nodes.ContainsKey(b.Next))
                {
                    targets.Add(b.Next);
                }
                else
                {
                    Error(b.Location, DiagnosticCodes.DanglingReference, $"a branch of node '{n.Id}' goes to '{b.Next}', which is not a node of tree '{tree.Id}'{Suggestions.DidYouMean(b.Next, nodes.Keys)}");
                }
            }
            if (n.Then is { } then)
            {
                if (nodes.ContainsKey(then))
                {
                    targets.Add(then);
                }
                else
                {
                    Error(n.Location, DiagnosticCodes.DanglingReference, $"node '{n.Id}' continues at '{then}', which is not a node of tree '{tree.Id}'{Suggestions.DidYouMean(then, nodes.Keys)}");
                }
            }
            var elses = n.Branches.Count(b => b.Else);
            if (elses > 1 || (elses == 1 && !n.Branches[^1].Else))
            {
                Error(n.Location, DiagnosticCodes.Inconsistent, $"node '{n.Id}' of tree '{tree.Id}' may have one 'else' branch, and it must come last");
            }
            edges[n.Id] = targets;
        }
        foreach (var cycle in Cycles(edges))
        {
            Error(nodes[cycle[0]].Location, DiagnosticCodes.Cycle, $"tree '{tree.Id}' loops: {string.Join(" -> ", cycle)} -> {cycle[0]}");
        }
        if (nodes.ContainsKey(tree.Root))
        {
            var reached = new HashSet<string>(StringComparer.Ordinal) { tree.Root };
            var work = new Stack<string>([tree.Root]);
            while (work.TryPop(out var id))
            {
                foreach (var t in edges[id].Where(reached.Add))
                {
                    work.Push(t);
                }
            }
            foreach (var n in nodes.Values.Where(n => !reached.Contains(n.Id)))
            {
                diagnostics.Add(new(n.Location, Severity.Warning, DiagnosticCodes.Inconsistent, $"node '{n.Id}' of tree '{tree.Id}' cannot be reached from its root"));
            }
        }
    }

    public void ConstraintDefinitions(IReadOnlyList<Layer> layers)
    {
        var ids = layers.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var c in vocabulary.Constraints.Values)
        {
            foreach (var layer in c.Layers.Where(l => !ids.Contains(l)))
            {
                Error(c.Location, DiagnosticCodes.DanglingReference, $"constraint '{c.Field}' reads layer '{layer}', which the catalogue does not define{Suggestions.DidYouMean(layer, ids)}");
            }
        }
    }

    /// <summary>Scopes read layers and capabilities belong to layers: both must exist.</summary>
    public void Scopes(IReadOnlyList<Layer> layers)
    {
        var ids = layers.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var s in vocabulary.Scopes.Values)
        {
            foreach (var (part, layer) in s.Ways.SelectMany(w => w.Parts).SelectMany(p => p.Layers.Select(l => (p, l))).Where(x => !ids.Contains(x.l)))
            {
                Error(s.Location, DiagnosticCodes.DanglingReference, $"scope '{s.Id}' reads layer '{layer}' for its {part.Label}, which the catalogue does not define{Suggestions.DidYouMean(layer, ids)}");
            }
            if (s.Ways.IsEmpty)
            {
                Error(s.Location, DiagnosticCodes.MissingField, $"scope '{s.Id}' has no way to compose a figure");
            }
        }
        foreach (var c in vocabulary.Capabilities.Values.Where(c => !ids.Contains(c.Layer)))
        {
            Error(c.Location, DiagnosticCodes.DanglingReference, $"capability '{c.Id}' belongs to layer '{c.Layer}', which the catalogue does not define{Suggestions.DidYouMean(c.Layer, ids)}");
        }
        var aliases = vocabulary.Scopes.Values.Where(s => s.Alias is not null).GroupBy(s => s.Alias!).Where(g => g.Count() > 1);
        foreach (var g in aliases)
        {
            Error(g.Last().Location, DiagnosticCodes.DuplicateId, $"scopes {string.Join(" and ", g.Select(x => x.Id))} share the alias '{g.Key}'");
        }
    }

    /// <summary>
    /// Every criterion should read every layer a profile may weigh it on: a warning names each criterion and layer with
    /// no term and no 'not_for' saying why it does not apply, so such a choice is never decided by nothing.
    /// </summary>
    public void CriterionLayers(IReadOnlyList<Criterion> criteria, IReadOnlyList<Layer> layers, IReadOnlyList<Technology> technologies)
    {
        var decidable = layers.Where(l => technologies.Count(t => t.Layer == l.Id) > 1 && (l.Core || DecidedLayers.Contains(l.Id))).Select(l => l.Id).Order(StringComparer.Ordinal).ToList();
        foreach (var c in criteria)
        {
            var read = c.Value.SelectMany(t => t.AllLayers && t.Scope is null && t.Capability is null && !t.Preferences ? decidable : [.. t.Layers]).ToHashSet(StringComparer.Ordinal);
            if (c.Value.Any(t => t.Capability is not null || t.Preferences))
            {
                continue; // reads the whole stack
            }
            var missing = decidable.Where(l => !read.Contains(l) && !c.NotFor.ContainsKey(l)).ToList();
            if (missing.Count > 0)
            {
                diagnostics.Add(new(c.Location, Severity.Warning, DiagnosticCodes.Inconsistent,
                    $"criterion '{c.Id}' has no term for layer{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}: a choice there weighted on it is decided by nothing; add a term, or say why it does not apply under 'not_for'"));
            }
        }
    }

    /// <summary>The layers besides the core ones whose choices profiles decide (issue 10's core list).</summary>
    public static readonly IReadOnlySet<string> DecidedLayers = new HashSet<string>(StringComparer.Ordinal) { "serverless", "service-mesh", "container-engine", "accelerator" };

    public void Scenarios(IReadOnlyList<Scenario> scenarios)
    {
        var lengths = scenarios.Where(s => s.Vector is not null).GroupBy(s => s.Vector!.Value.Length).ToList();
        if (lengths.Count > 1)
        {
            var common = lengths.OrderByDescending(g => g.Count()).First().Key;
            foreach (var s in lengths.Where(g => g.Key != common).SelectMany(g => g))
            {
                Error(s.Location, DiagnosticCodes.Inconsistent, $"scenario '{s.Id}' has a vector of {s.Vector!.Value.Length} entries; the others have {common}");
            }
        }
    }

    /// <summary>Each elementary cycle reported once, found by an iterative depth-first search in id order.</summary>
    private static List<List<string>> Cycles(Dictionary<string, List<string>> edges)
    {
        var cycles = new List<List<string>>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 0 new, 1 on path, 2 done
        foreach (var start in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(start) != 0)
            {
                continue;
            }
            var path = new List<string>();
            var stack = new Stack<(string Node, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            path.Add(start);
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var targets = edges.TryGetValue(node, out var t) ? t : [];
                if (next < targets.Count)
                {
                    stack.Push((node, next + 1));
                    var target = targets[next];
                    switch (state.GetValueOrDefault(target))
                    {
                        case 0:
                            state[target] = 1;
                            path.Add(target);
                            stack.Push((target, 0));
                            break;
                        case 1:
                            cycles.Add(path.Skip(path.IndexOf(target)).ToList());
                            break;
                    }
                }
                else
                {
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
        return cycles;
    }
}
