using System.Collections.Immutable;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;
using Strata.Model.Evidence;

namespace Strata.Catalog.Reading;

/// <summary>Reads each kind of catalogue entity from its file's root node.</summary>
public static class EntityReaders
{
    /// <summary>The entity's id, which must equal its file's name.</summary>
    internal static string? Id(ReadContext ctx, MapView map, string what, string expectedId)
    {
        var idNode = ctx.R.Required(map, "id", what);
        var id = ctx.R.Id(idNode, "the id");
        if (id is not null && id != expectedId)
        {
            ctx.R.Error(idNode!, DiagnosticCodes.BadId, $"the id '{id}' differs from the file name '{expectedId}.yaml'; they must match");
        }
        return id;
    }

    private static string Text(ReadContext ctx, MapView map, string key, string what) =>
        ctx.R.String(ctx.R.Required(map, key, what), key) ?? "";

    public static CatalogManifest? Manifest(FileReader r, YamlNode root)
    {
        var map = r.Map(root, "the catalogue manifest", ["name", "version", "summary", "extends"]);
        if (map is null)
        {
            return null;
        }
        var name = r.String(r.Required(map, "name", "the manifest"), "name");
        var version = r.String(r.Required(map, "version", "the manifest"), "version");
        var extends = map["extends"] is { } e ? r.Word(e, "extends", ["bundled"]) : null;
        return name is null || version is null ? null : new CatalogManifest(name, version, r.String(map["summary"], "summary"), extends);
    }

    public static Layer? Layer(ReadContext ctx, YamlNode root, string fileId)
    {
        var map = ctx.R.Map(root, "a layer", ["id", "name", "core", "order", "summary", "seed", "source"]);
        if (map is null)
        {
            return null;
        }
        var id = Id(ctx, map, "a layer", fileId);
        var name = Text(ctx, map, "name", "a layer");
        var core = ctx.R.Bool(ctx.R.Required(map, "core", "a layer"), "core");
        var order = ctx.R.Integer(ctx.R.Required(map, "order", "a layer"), "order", 0);
        var summary = Text(ctx, map, "summary", "a layer");
        var p = ctx.Provenance(map, $"layer '{id}'");
        return id is null || core is null || order is null || p is null ? null : new Layer(id, name, core.Value, order.Value, summary, p, ctx.R.At(root));
    }

    public static Criterion? Criterion(ReadContext ctx, YamlNode root, string fileId)
    {
        var map = ctx.R.Map(root, "a criterion", ["id", "name", "summary", "direction", "value", "not_for", "seed", "source"]);
        if (map is null)
        {
            return null;
        }
        var id = Id(ctx, map, "a criterion", fileId);
        var name = Text(ctx, map, "name", "a criterion");
        var summary = Text(ctx, map, "summary", "a criterion");
        var dir = ctx.R.Word(ctx.R.Required(map, "direction", "a criterion"), "direction", ["higher-is-better", "lower-is-better"]);
        var p = ctx.Provenance(map, $"criterion '{id}'");
        var terms = ValueTerms(ctx, ctx.R.Required(map, "value", $"criterion '{id}'"), $"criterion '{id}'");
        var notFor = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (map["not_for"] is YamlMapping nf)
        {
            foreach (var (key, value) in nf.Entries)
            {
                ctx.Refer(ReferenceKind.Layer, key.Value, key, $"criterion '{id}'");
                if (ctx.R.String(value, $"why criterion '{id}' does not read layer '{key.Value}'") is { } why)
                {
                    notFor[key.Value] = why;
                }
            }
        }
        else if (map["not_for"] is { } bad)
        {
            ctx.R.Error(bad, DiagnosticCodes.WrongType, "not_for maps a layer to why the criterion does not apply to it");
        }
        return id is null || dir is null || p is null ? null
            : new Criterion(id, name, summary, dir == "higher-is-better" ? CriterionDirection.HigherIsBetter : CriterionDirection.LowerIsBetter, terms, p, ctx.R.At(root)) { NotFor = notFor.ToImmutable() };
    }

    private static readonly string[] TermKeys = ["fact", "scope", "capability", "preferences", "layers", "aggregate", "measures", "scale", "best", "worst", "values", "weight", "when", "seed_only", "note"];

    private static ImmutableArray<ValueTerm> ValueTerms(ReadContext ctx, YamlNode? node, string owner)
    {
        var r = ctx.R;
        var result = ImmutableArray.CreateBuilder<ValueTerm>();
        foreach (var item in r.Sequence(node, $"the value function of {owner}") ?? [])
        {
            var what = $"a value term of {owner}";
            var m = r.Map(item, what, TermKeys);
            if (m is null)
            {
                continue;
            }
            string? scope = null, capability = null;
            var preferences = m["preferences"] is { } pn && r.Bool(pn, "preferences") == true;
            if (m["scope"] is { } scn && r.String(scn, "the scope") is { } scText)
            {
                // "@cold_start": the scope that constraint is compared at for the profile, so a criterion and its constraint agree.
                if (scText.StartsWith('@'))
                {
                    if (ctx.Vocabulary.Constraints.TryGetValue(scText[1..], out var cd) && !cd.Scopes.IsDefaultOrEmpty)
                    {
                        scope = scText;
                    }
                    else
                    {
                        r.Error(scn, DiagnosticCodes.DanglingReference, $"'{scText}' names no constraint with scopes (one of: {string.Join(", ", ctx.Vocabulary.Constraints.Values.Where(c => !c.Scopes.IsDefaultOrEmpty).Select(c => "@" + c.Field))})");
                    }
                }
                else if (r.Word(scn, "the scope", ctx.Vocabulary.Scopes.Keys.ToList()) is { } sc)
                {
                    scope = sc;
                }
            }
            if (m["capability"] is { } cn && r.Word(cn, "the capability", ctx.Vocabulary.Capabilities.Keys.ToList()) is { } cap)
            {
                capability = cap;
            }
            if ((scope is not null ? 1 : 0) + (capability is not null ? 1 : 0) + (preferences ? 1 : 0) + (m["fact"] is not null ? 1 : 0) > 1 && !(scope is not null && m["fact"] is not null))
            {
                r.Error(m.Node, DiagnosticCodes.Inconsistent, $"{what} reads one thing: a fact, a scope, a capability or the preferences");
            }
            string? fact;
            if (capability is not null || preferences)
            {
                fact = "capabilities";
            }
            else if (scope is not null)
            {
                fact = ScopesOf(ctx.Vocabulary, scope).First().Fact;
            }
            else
            {
                fact = r.Word(r.Required(m, "fact", what), "the fact", ctx.Vocabulary.FactKinds.Keys.ToList());
            }
            ImmutableArray<string> layers = [];
            if (scope is not null)
            {
                layers = [.. ScopesOf(ctx.Vocabulary, scope).SelectMany(s => s.Ways).SelectMany(w => w.Parts).SelectMany(p => p.Layers).Distinct(StringComparer.Ordinal)];
            }
            else if (preferences || m["layers"] is YamlScalar { Value: "all" } || (capability is not null && m["layers"] is null))
            {
                layers = [];
            }
            else
            {
                layers = r.Words(r.Required(m, "layers", what), "layers") ?? [];
                ctx.ReferEach(ReferenceKind.Layer, layers, m["layers"], what);
            }
            var aggregate = m["aggregate"] is { } an ? r.Word(an, "aggregate", ["min", "max", "mean", "sum", "depth"]) : "max";
            var kind = fact is null ? null : ctx.Vocabulary.FactKinds[fact];
            var allowedMeasures = kind is { Type: FactType.Quantity } ? kind.Measures.ToList() : [];
            var measures = m["measures"] is { } mn ? r.Words(mn, "measures", allowedMeasures) ?? [] : [];
            var scale = r.Word(r.Required(m, "scale", what), "the scale", ["log", "linear", "stars", "ordinal", "bool", "boundaries"]);
            Model.Quantities.Quantity? best = null, worst = null;
            if (scale is "log" or "linear")
            {
                var dim = kind?.Dimension;
                best = Point(ctx, r.Required(m, "best", what), "best", dim);
                worst = Point(ctx, r.Required(m, "worst", what), "worst", dim);
                if (scale == "log" && (best?.BaseValue <= 0 || worst?.BaseValue <= 0))
                {
                    r.Error(m.Node, DiagnosticCodes.OutOfRange, $"{what} uses a log scale, so 'best' and 'worst' must be above zero");
                }
            }
            var values = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            if (scale == "ordinal")
            {
                if (r.Map(r.Required(m, "values", what), "values", (m["values"] as YamlMapping)?.Entries.Select(e => e.Key.Value).ToList() ?? []) is { } vm)
                {
                    var words = kind?.WordList is { } list ? ctx.Vocabulary.Words(list) : [];
                    foreach (var k in vm.Keys)
                    {
                        if (!words.IsEmpty && !words.Contains(k))
                        {
                            r.Error(vm[k]!, DiagnosticCodes.UnknownWord, $"'{k}' is not a value of fact '{fact}' (one of: {string.Join(", ", words)})");
                        }
                        if (r.Number(vm[k], $"the value of '{k}'", 0, 1) is { } v)
                        {
                            values[k] = v;
                        }
                    }
                }
            }
            var weight = m["weight"] is { } wn ? r.Number(wn, "weight", 0) ?? 1 : 1;
            var when = m["when"] is { } whn ? ctx.Condition(whn, $"the condition of {what}") : null;
            var seedOnly = m["seed_only"] is { } son && r.Bool(son, "seed_only") == true;
            if ((capability is not null || preferences) && scale is not "bool")
            {
                r.Error(m["scale"] ?? m.Node, DiagnosticCodes.Inconsistent, $"{what} reads capabilities, so its scale is 'bool' (1 when the stack has it; for preferences, the share it has)");
            }
            if (fact is not null && aggregate is not null && scale is not null)
            {
                result.Add(new ValueTerm(fact, layers, Enum.Parse<Aggregate>(aggregate, ignoreCase: true), measures,
                    Enum.Parse<ScaleKind>(scale, ignoreCase: true), best, worst, values.ToImmutable(), weight)
                {
                    Scope = scope,
                    Capability = capability,
                    Preferences = preferences,
                    When = when,
                    SeedOnly = seedOnly,
                });
            }
        }
        return result.ToImmutable();
    }

    /// <summary>The scopes a term's scope may be: one scope, or every scope a constraint may be compared at ("@cold_start").</summary>
    private static IEnumerable<ScopeDefinition> ScopesOf(Vocabulary vocabulary, string scope) =>
        scope.StartsWith('@')
            ? vocabulary.Constraints[scope[1..]].Scopes.Select(c => vocabulary.Scopes[c.Scope])
            : [vocabulary.Scopes[scope]];

    private static Model.Quantities.Quantity? Point(ReadContext ctx, YamlNode? node, string what, Model.Quantities.Dimension? dimension)
    {
        var e = ctx.R.Estimate(node, what, dimension);
        if (e is null)
        {
            return null;
        }
        if (e.Form != Model.Quantities.EstimateForm.Point)
        {
            ctx.R.Error(node!, DiagnosticCodes.WrongType, $"'{what}' must be one figure such as 10ms, not {e}");
            return null;
        }
        return e.Low;
    }

    private static readonly string[] TechnologyKeys = ["id", "name", "layer", "summary", "homepage", "aliases", "tool", "component_only", "omits", "facts", "pros", "cons"];

    public static Technology? Technology(ReadContext ctx, YamlNode root, string fileId)
    {
        var r = ctx.R;
        var map = r.Map(root, "a technology", TechnologyKeys);
        if (map is null)
        {
            return null;
        }
        var id = Id(ctx, map, "a technology", fileId);
        var owner = $"technology '{id ?? fileId}'";
        var name = Text(ctx, map, "name", owner);
        var layerNode = r.Required(map, "layer", owner);
        var layer = r.Id(layerNode, "the layer");
        if (layer is not null)
        {
            ctx.Refer(ReferenceKind.Layer, layer, layerNode!, owner);
        }
        var summary = Text(ctx, map, "summary", owner);
        var homepage = map["homepage"] is { } h ? r.Url(h, "homepage") : null;
        var aliases = r.Words(map["aliases"], "aliases") ?? [];
        var tool = r.String(map["tool"], "tool");
        var facts = FactReader.Facts(ctx, r.Required(map, "facts", owner), owner);
        var pros = FactReader.Statements(ctx, map["pros"], $"the pros of {owner}");
        var cons = FactReader.Statements(ctx, map["cons"], $"the cons of {owner}");
        var componentOnly = map["component_only"] is { } con && r.Bool(con, "component_only") == true;
        var omits = LayerList(ctx, map["omits"], owner);
        return id is null || layer is null ? null
            : new Technology(id, name, layer, summary, homepage, aliases, tool, facts, pros, cons, r.At(root)) { ComponentOnly = componentOnly, Omits = omits };
    }

    private static readonly string[] SourcedKeys = ["value", "note", "status", "seed", "source", "measured"];

    /// <summary>Reads a block <c>{ value: …, seed|source: …, note: … }</c>.</summary>
    private static Sourced<T>? Sourced<T>(ReadContext ctx, YamlNode? node, string what, Func<YamlNode, T?> value) where T : struct
    {
        var map = ctx.R.Map(node, what, SourcedKeys);
        if (map is null)
        {
            return null;
        }
        var v = ctx.R.Required(map, "value", what) is { } vn ? value(vn) : null;
        var p = ctx.Provenance(map, what);
        var status = ctx.Status(map, p, what);
        var note = ctx.R.String(map["note"], "a note");
        return v is null || p is null ? null : new Sourced<T>(v.Value, p, status, note);
    }

    private static Sourced<T>? SourcedRef<T>(ReadContext ctx, YamlNode? node, string what, Func<YamlNode, T?> value) where T : class
    {
        var map = ctx.R.Map(node, what, SourcedKeys);
        if (map is null)
        {
            return null;
        }
        var v = ctx.R.Required(map, "value", what) is { } vn ? value(vn) : null;
        var p = ctx.Provenance(map, what);
        var status = ctx.Status(map, p, what);
        var note = ctx.R.String(map["note"], "a note");
        return v is null || p is null ? null : new Sourced<T>(v, p, status, note);
    }

    public static ImmutableSortedDictionary<string, double>? Weights(ReadContext ctx, YamlNode node, string what)
    {
        if (node is not YamlMapping m)
        {
            ctx.R.Error(node, DiagnosticCodes.WrongType, $"{what} must be a mapping of criterion to weight, not {node.KindName}");
            return null;
        }
        var b = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in m.Entries)
        {
            ctx.Refer(ReferenceKind.Criterion, key.Value, key, what);
            if (ctx.R.Number(value, $"the weight of '{key.Value}'", 0) is { } w && !b.TryAdd(key.Value, w))
            {
                ctx.R.Error(key, DiagnosticCodes.DuplicateKey, $"'{key.Value}' appears twice in {what}");
            }
        }
        if (b.Count > 0 && b.Values.Sum() <= 0)
        {
            ctx.R.Error(node, DiagnosticCodes.OutOfRange, $"{what} add up to zero; at least one weight must be positive");
            return null;
        }
        return b.ToImmutable();
    }

    private static readonly string[] ScenarioKeys = ["id", "name", "summary", "seed", "source", "vector", "weights", "requirements", "seed_requirements", "layers", "typical", "needs", "note"];

    public static Scenario? Scenario(ReadContext ctx, YamlNode root, string fileId)
    {
        var r = ctx.R;
        var map = r.Map(root, "a scenario", ScenarioKeys);
        if (map is null)
        {
            return null;
        }
        var id = Id(ctx, map, "a scenario", fileId);
        var owner = $"scenario '{id ?? fileId}'";
        var name = Text(ctx, map, "name", owner);
        var summary = Text(ctx, map, "summary", owner);
        var p = ctx.Provenance(map, owner);
        var vector = map["vector"] is { } vn
            ? Sourced<ImmutableArray<double>>(ctx, vn, $"the vector of {owner}", n =>
            {
                var items = r.Sequence(n, "a scenario vector");
                if (items is null)
                {
                    return null;
                }
                var values = items.Select(i => r.Number(i, "a vector entry", 0, 1)).ToList();
                return values.All(v => v is not null) ? values.Select(v => v!.Value).ToImmutableArray() : null;
            })
            : null;
        var weights = map["weights"] is { } wn ? SourcedRef(ctx, wn, $"the weights of {owner}", n => Weights(ctx, n, $"the weights of {owner}")) : null;
        var requirements = map["requirements"] is { } rn ? SourcedRef(ctx, rn, $"the requirements of {owner}", n => ConstraintReader.Read(ctx, n, $"the requirements of {owner}")) : null;
        var seedRequirements = map["seed_requirements"] is { } srn ? SourcedRef(ctx, srn, $"the seed requirements of {owner}", n => ConstraintReader.Read(ctx, n, $"the seed requirements of {owner}")) : null;
        if (seedRequirements is not null && seedRequirements.Provenance is not SeedReference)
        {
            r.Error(map["seed_requirements"]!, DiagnosticCodes.Inconsistent, $"seed_requirements of {owner} are the seed's own claims: give their 'seed' section and research's 'status'");
        }
        var layers = LayerList(ctx, map["layers"], owner);
        var typical = map["typical"] is { } tn
            ? Sourced<ImmutableArray<string>>(ctx, tn, $"the typical technologies of {owner}", n => TechList(ctx, n, owner))
            : null;
        var needs = map["needs"] is { } nn
            ? SourcedRef(ctx, nn, $"the needs of {owner}", n =>
            {
                var m = r.Map(n, "needs", ["isolation", "performance", "security"]);
                if (m is null)
                {
                    return null;
                }
                var b = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
                foreach (var k in m.Keys)
                {
                    if (r.Word(m[k], $"the {k} need", ctx.Vocabulary.Words("levels")) is { } w)
                    {
                        b[k] = w;
                    }
                }
                return b.ToImmutable();
            })
            : null;
        return id is null || p is null ? null
            : new Scenario(id, name, summary, p, vector, weights, requirements, layers, typical, needs, r.At(root)) { SeedRequirements = seedRequirements };
    }

    private static ImmutableArray<string> LayerList(ReadContext ctx, YamlNode? node, string owner)
    {
        var words = ctx.R.Words(node, $"the layers of {owner}") ?? [];
        ctx.ReferEach(ReferenceKind.Layer, words, node, owner);
        return words;
    }

    private static ImmutableArray<string>? TechList(ReadContext ctx, YamlNode node, string owner)
    {
        var words = ctx.R.Words(node, $"technologies of {owner}");
        if (words is { } w)
        {
            ctx.ReferEach(ReferenceKind.Technology, w, node, owner);
        }
        return words;
    }

    public static Predicate? Predicate(ReadContext ctx, YamlNode root, string fileId)
    {
        var map = ctx.R.Map(root, "a predicate", ["id", "name", "when", "note", "seed", "source"]);
        if (map is null)
        {
            return null;
        }
        var id = Id(ctx, map, "a predicate", fileId);
        var name = Text(ctx, map, "name", "a predicate");
        var when = ctx.Condition(ctx.R.Required(map, "when", "a predicate"), "the condition");
        var p = ctx.Provenance(map, $"predicate '{id}'");
        var note = ctx.R.String(map["note"], "a note");
        return id is null || when is null || p is null ? null : new Predicate(id, name, when, p, note, ctx.R.At(root));
    }

    private static readonly string[] RuleKinds = ["requires", "excludes", "bundles", "derives"];

    public static Rule? Rule(ReadContext ctx, YamlNode root, string fileId)
    {
        var r = ctx.R;
        var map = r.Map(root, "a rule", ["id", "kind", "subject", "any_of", "any_capability", "when", "when_unknown", "then", "note", "status", "seed", "source", "measured"]);
        if (map is null)
        {
            return null;
        }
        var id = Id(ctx, map, "a rule", fileId);
        var owner = $"rule '{id ?? fileId}'";
        var kindText = r.Word(r.Required(map, "kind", owner), "the rule kind", RuleKinds);
        var kind = kindText is null ? (RuleKind?)null : Enum.Parse<RuleKind>(kindText, ignoreCase: true);
        string? subject = null;
        ImmutableArray<string> anyOf = [];
        ImmutableArray<string> anyCapability = [];
        Derivation? then = null;
        if (kind is RuleKind.Derives)
        {
            foreach (var k in new[] { "subject", "any_of" })
            {
                if (map[k] is { } extra)
                {
                    r.Error(extra, DiagnosticCodes.Inconsistent, $"a derives rule has no '{k}'; it adds requirements under 'then'");
                }
            }
            then = Derivation(ctx, r.Required(map, "then", owner), owner);
            r.Required(map, "when", owner);
        }
        else if (kind is not null)
        {
            if (map["then"] is { } extra)
            {
                r.Error(extra, DiagnosticCodes.Inconsistent, $"only a derives rule has 'then'; a {kindText} rule names 'subject' and 'any_of'");
            }
            var sn = r.Required(map, "subject", owner);
            subject = r.String(sn, "the subject");
            if (subject is not null)
            {
                ctx.Refer(ReferenceKind.Technology, subject, sn!, owner);
            }
            if (kind is RuleKind.Requires && map["any_capability"] is { } acn)
            {
                anyCapability = r.Words(acn, "any_capability", ctx.Vocabulary.Capabilities.Keys.ToList()) ?? [];
                anyOf = map["any_of"] is { } an0 ? TechList(ctx, an0, owner) ?? [] : [];
            }
            else
            {
                anyOf = r.Required(map, "any_of", owner) is { } an ? TechList(ctx, an, owner) ?? [] : [];
            }
        }
        var when = map["when"] is { } wn ? ctx.Condition(wn, $"the condition of {owner}") : null;
        var note = r.String(map["note"], "a note");
        var p = ctx.Provenance(map, owner);
        var status = ctx.Status(map, p, owner);
        return id is null || kind is null || p is null ? null
            : new Rule(id, kind.Value, subject, anyOf, when, then, note, p, r.At(root))
            {
                AnyCapability = anyCapability,
                Status = status,
                WhenUnknown = map["when_unknown"] is { } wun && r.Bool(wun, "when_unknown") == true,
            };
    }

    private static Derivation? Derivation(ReadContext ctx, YamlNode? node, string owner)
    {
        var r = ctx.R;
        var map = r.Map(node, $"what {owner} derives", ["constraints", "add_layers", "allow", "forbid"]);
        if (map is null)
        {
            return null;
        }
        if (!map.Keys.Any())
        {
            r.Error(map.Node, DiagnosticCodes.MissingField, $"{owner} derives nothing: give constraints, add_layers, allow or forbid");
        }
        var constraints = map["constraints"] is { } cn ? ConstraintReader.Read(ctx, cn, $"the constraints {owner} derives") ?? ConstraintSet.Empty : ConstraintSet.Empty;
        var addLayers = LayerList(ctx, map["add_layers"], owner);
        var allow = ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.Ordinal);
        if (map["allow"] is { } an)
        {
            allow = ctx.Stack(an, $"what {owner} allows")?.Layers ?? allow;
        }
        var forbid = map["forbid"] is { } fn ? TechList(ctx, fn, owner) ?? [] : [];
        return new Derivation(constraints, addLayers, allow, forbid);
    }

    public static DecisionTree? Tree(ReadContext ctx, YamlNode root, string fileId)
    {
        var r = ctx.R;
        var map = r.Map(root, "a tree", ["id", "name", "root", "nodes", "note", "seed", "source"]);
        if (map is null)
        {
            return null;
        }
        var id = Id(ctx, map, "a tree", fileId);
        var owner = $"tree '{id ?? fileId}'";
        var name = Text(ctx, map, "name", owner);
        var rootId = r.String(r.Required(map, "root", owner), "root");
        var p = ctx.Provenance(map, owner);
        var nodes = ImmutableArray.CreateBuilder<TreeNode>();
        foreach (var item in r.Sequence(r.Required(map, "nodes", owner), $"the nodes of {owner}") ?? [])
        {
            var n = r.Map(item, $"a node of {owner}", ["id", "question", "branches", "outcome", "then", "note"]);
            if (n is null)
            {
                continue;
            }
            var nid = r.String(r.Required(n, "id", $"a node of {owner}"), "a node id");
            var nodeOwner = $"node '{nid}' of {owner}";
            var branches = ImmutableArray.CreateBuilder<TreeBranch>();
            foreach (var b in r.Sequence(n["branches"], $"the branches of {nodeOwner}") ?? [])
            {
                var bm = r.Map(b, $"a branch of {nodeOwner}", ["when", "else", "next", "note"]);
                if (bm is null)
                {
                    continue;
                }
                var isElse = bm["else"] is { } en && r.Bool(en, "else") == true;
                var when = bm["when"] is { } wn ? ctx.Condition(wn, $"a branch condition of {nodeOwner}") : null;
                if (!isElse && bm["when"] is null)
                {
                    r.Error(bm.Node, DiagnosticCodes.MissingField, $"a branch of {nodeOwner} needs 'when' (or 'else: true')");
                }
                var next = r.String(r.Required(bm, "next", $"a branch of {nodeOwner}"), "next");
                if (next is not null && (when is not null || isElse))
                {
                    branches.Add(new TreeBranch(when, isElse, next, r.At(b)));
                }
            }
            var outcome = n["outcome"] is { } on ? ctx.Stack(on, $"the outcome of {nodeOwner}") : null;
            if (n["branches"] is null && n["outcome"] is null)
            {
                r.Error(n.Node, DiagnosticCodes.MissingField, $"{nodeOwner} needs 'branches' or an 'outcome'");
            }
            var then = r.String(n["then"], "then");
            if (nid is not null)
            {
                nodes.Add(new TreeNode(nid, r.String(n["question"], "question"), branches.ToImmutable(), outcome, then, r.String(n["note"], "a note"), r.At(item)));
            }
        }
        return id is null || rootId is null || p is null ? null
            : new DecisionTree(id, name, p, rootId, nodes.ToImmutable(), r.String(map["note"], "a note"), r.At(root));
    }

    public static Migration? Migration(ReadContext ctx, YamlNode root, string fileId)
    {
        var r = ctx.R;
        var map = r.Map(root, "a migration", ["id", "kind", "title", "from", "to", "steps", "stages", "note", "seed", "source"]);
        if (map is null)
        {
            return null;
        }
        var id = Id(ctx, map, "a migration", fileId);
        var owner = $"migration '{id ?? fileId}'";
        var kind = r.Word(r.Required(map, "kind", owner), "the kind", ["migration", "evolution"]);
        var title = Text(ctx, map, "title", owner);
        var p = ctx.Provenance(map, owner);
        var from = map["from"] is { } fnode ? ctx.Stack(fnode, $"the 'from' of {owner}") : null;
        var to = map["to"] is { } tnode ? ctx.Stack(tnode, $"the 'to' of {owner}") : null;
        var steps = ImmutableArray.CreateBuilder<MigrationStep>();
        foreach (var item in r.Sequence(map["steps"], $"the steps of {owner}") ?? [])
        {
            var s = r.Map(item, $"a step of {owner}", ["id", "text", "when", "note"]);
            if (s is null)
            {
                continue;
            }
            var sid = r.String(r.Required(s, "id", $"a step of {owner}"), "a step id");
            var text = r.String(r.Required(s, "text", $"a step of {owner}"), "text");
            var when = s["when"] is { } wn ? ctx.Condition(wn, $"the condition of a step of {owner}") : null;
            if (sid is not null && text is not null)
            {
                steps.Add(new MigrationStep(sid, text, when, r.At(item)));
            }
        }
        var stages = ImmutableArray.CreateBuilder<Stack>();
        foreach (var item in r.Sequence(map["stages"], $"the stages of {owner}") ?? [])
        {
            if (ctx.Stack(item, $"a stage of {owner}") is { } st)
            {
                stages.Add(st);
            }
        }
        if (kind == "migration" && steps.Count == 0)
        {
            r.Error(map.Node, DiagnosticCodes.MissingField, $"{owner} is a migration and needs 'steps'");
        }
        if (kind == "evolution" && stages.Count == 0)
        {
            r.Error(map.Node, DiagnosticCodes.MissingField, $"{owner} is an evolution and needs 'stages'");
        }
        return id is null || kind is null || p is null ? null
            : new Migration(id, kind == "migration" ? MigrationKind.Migration : MigrationKind.Evolution, title, p, from, to, steps.ToImmutable(), stages.ToImmutable(), r.At(root));
    }
}
