using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Strata.Catalog.Reading;
using Strata.Catalog.Yaml;
using Strata.Model.Diagnostics;
using Strata.Model.Entities;

namespace Strata.Catalog.Loading;

/// <summary>
/// Loads a catalogue: reads every file (vocabulary first, since the others are checked against it),
/// then checks what spans files — ids, references, trees, conditions. Reports all problems at once.
/// </summary>
public static class CatalogLoader
{
    private static readonly Dictionary<string, string> Folders = new(StringComparer.Ordinal)
    {
        ["layers"] = "layer",
        ["criteria"] = "criterion",
        ["technologies"] = "technology",
        ["scenarios"] = "scenario",
        ["predicates"] = "predicate",
        ["rules"] = "rule",
        ["trees"] = "tree",
        ["tables"] = "table",
        ["cases"] = "case",
        ["migrations"] = "migration",
    };

    public static CatalogLoadResult LoadBundled() => Load(CatalogSource.Bundled);

    /// <summary>Loads a directory; when its manifest says <c>extends: bundled</c>, the bundled catalogue is loaded under it.</summary>
    public static CatalogLoadResult LoadDirectory(string path)
    {
        var own = CatalogSource.Directory(path).Files();
        var manifest = own.FirstOrDefault(f => f.RelativePath == "catalog.yaml");
        var extends = manifest is not null && ExtendsBundled(manifest.Text);
        var files = extends
            ? CatalogSource.Bundled.Files().Where(f => f.RelativePath != "catalog.yaml").Concat(own).ToList()
            : own.ToList();
        return Load(files, YamlLimits.Default);
    }

    // A light look at the manifest before the real read, to know which files make up the catalogue.
    private static bool ExtendsBundled(string manifestText)
    {
        var diagnostics = new List<Diagnostic>();
        return YamlDocumentReader.Read("catalog.yaml", manifestText, YamlLimits.Default, diagnostics) is YamlMapping m &&
               m.Entries.Any(e => e.Key.Value == "extends" && e.Value is YamlScalar { Value: "bundled" });
    }

    public static CatalogLoadResult Load(CatalogSource source, YamlLimits? limits = null) => Load(source.Files(), limits ?? YamlLimits.Default);

    public static CatalogLoadResult Load(IReadOnlyList<CatalogFile> files, YamlLimits limits)
    {
        var diagnostics = new List<Diagnostic>();
        var references = new List<Reference>();
        var conditions = new List<ConditionText>();
        var parsed = new List<(CatalogFile File, YamlNode Root)>();

        foreach (var f in files)
        {
            if (YamlDocumentReader.Read(f.DisplayPath, f.Text, limits, diagnostics) is { } root)
            {
                parsed.Add((f, root));
            }
            else if (!diagnostics.Any(d => d.Location.File == f.DisplayPath))
            {
                diagnostics.Add(new(new(f.DisplayPath, 1, 1), Severity.Error, DiagnosticCodes.WrongType, "the file is empty; it must hold one entity"));
            }
        }

        CatalogManifest? manifest = null;
        Vocabulary? vocabulary = null;
        var manifestFiles = parsed.Where(p => p.File.RelativePath == "catalog.yaml").ToList();
        foreach (var (file, root) in manifestFiles)
        {
            manifest = EntityReaders.Manifest(new FileReader(file.DisplayPath, diagnostics), root) ?? manifest;
        }
        var vocabularyFiles = parsed.Where(p => p.File.RelativePath == "vocabulary.yaml").ToList();
        if (vocabularyFiles.Count > 1)
        {
            diagnostics.Add(new(new(vocabularyFiles[1].File.DisplayPath, 1, 1), Severity.Error, DiagnosticCodes.DuplicateId,
                $"a catalogue has one vocabulary; {vocabularyFiles[0].File.DisplayPath} already defines it (an extending catalogue uses the bundled vocabulary)"));
        }
        foreach (var (file, root) in vocabularyFiles.Take(1))
        {
            vocabulary = VocabularyReader.Read(new FileReader(file.DisplayPath, diagnostics), root);
        }
        var firstPath = files.Count > 0 ? files[0].DisplayPath : "catalog";
        if (manifestFiles.Count == 0)
        {
            diagnostics.Add(new(new(firstPath, 1, 1), Severity.Error, DiagnosticCodes.MissingField, "the catalogue has no catalog.yaml manifest (name, version)"));
        }
        if (vocabularyFiles.Count == 0)
        {
            diagnostics.Add(new(new(firstPath, 1, 1), Severity.Error, DiagnosticCodes.MissingField, "the catalogue has no vocabulary.yaml"));
        }
        var vocab = vocabulary ?? VocabularyReader.Empty;
        // The conditions of the vocabulary's scope choices are checked with every other condition.
        conditions.AddRange(vocab.Constraints.Values.SelectMany(c => c.Scopes).Where(s => s.When is not null).Select(s => s.When!));

        var layers = new List<Layer>();
        var criteria = new List<Criterion>();
        var technologies = new List<Technology>();
        var scenarios = new List<Scenario>();
        var predicates = new List<Predicate>();
        var rules = new List<Rule>();
        var trees = new List<DecisionTree>();
        var tables = new List<Table>();
        var cases = new List<Case>();
        var migrations = new List<Migration>();

        foreach (var (file, root) in parsed)
        {
            if (file.RelativePath is "catalog.yaml" or "vocabulary.yaml")
            {
                continue;
            }
            var slash = file.RelativePath.IndexOf('/');
            var folder = slash < 0 ? "" : file.RelativePath[..slash];
            if (!Folders.TryGetValue(folder, out var kind) || file.RelativePath.IndexOf('/', slash + 1) >= 0)
            {
                diagnostics.Add(new(new(file.DisplayPath, 1, 1), Severity.Error, DiagnosticCodes.Inconsistent,
                    $"this file is not where a catalogue keeps entities; put it in one of: {string.Join(", ", Folders.Keys.Select(k => k + "/"))}{Suggestions.DidYouMean(folder, Folders.Keys)}"));
                continue;
            }
            var fileId = Path.GetFileNameWithoutExtension(file.RelativePath);
            var ctx = new ReadContext(new FileReader(file.DisplayPath, diagnostics), vocab, references, conditions);
            switch (kind)
            {
                case "layer": Add(layers, EntityReaders.Layer(ctx, root, fileId)); break;
                case "criterion": Add(criteria, EntityReaders.Criterion(ctx, root, fileId)); break;
                case "technology": Add(technologies, EntityReaders.Technology(ctx, root, fileId)); break;
                case "scenario": Add(scenarios, EntityReaders.Scenario(ctx, root, fileId)); break;
                case "predicate": Add(predicates, EntityReaders.Predicate(ctx, root, fileId)); break;
                case "rule": Add(rules, EntityReaders.Rule(ctx, root, fileId)); break;
                case "tree": Add(trees, EntityReaders.Tree(ctx, root, fileId)); break;
                case "table": Add(tables, TableReader.Table(ctx, root, fileId)); break;
                case "case": Add(cases, TableReader.Case(ctx, root, fileId)); break;
                case "migration": Add(migrations, EntityReaders.Migration(ctx, root, fileId)); break;
            }
        }

        var checker = new CrossChecks(diagnostics, vocab);
        checker.DuplicateIds("layer", layers);
        checker.DuplicateIds("criterion", criteria);
        checker.DuplicateIds("technology", technologies);
        checker.DuplicateIds("scenario", scenarios);
        checker.DuplicateIds("predicate", predicates);
        checker.DuplicateIds("rule", rules);
        checker.DuplicateIds("tree", trees);
        checker.DuplicateIds("table", tables);
        checker.DuplicateIds("case", cases);
        checker.DuplicateIds("migration", migrations);
        checker.References(references, layers, criteria, technologies, scenarios, tables);
        // Predicates are known by their files even when their own condition is broken, so one
        // mistake is reported once and not again at every condition that uses the predicate.
        var predicateIds = parsed.Where(p => p.File.RelativePath.StartsWith("predicates/", StringComparison.Ordinal))
            .Select(p => Path.GetFileNameWithoutExtension(p.File.RelativePath)).ToHashSet(StringComparer.Ordinal);
        checker.Conditions(conditions, predicateIds, scenarios, layers);
        checker.PredicateCycles(predicates);
        foreach (var tree in trees)
        {
            checker.Tree(tree);
        }
        checker.Scenarios(scenarios);
        checker.ConstraintDefinitions(layers);
        checker.Scopes(layers);
        checker.CriterionLayers(criteria, layers, technologies);

        var ordered = diagnostics
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .Distinct()
            .ToImmutableArray();
        if (ordered.Any(d => d.Severity == Severity.Error) || manifest is null || vocabulary is null)
        {
            return new CatalogLoadResult(null, ordered, files.Count);
        }

        var catalog = new Model.Entities.Catalog(
            manifest, Digest(files), vocabulary,
            Sorted(layers), Sorted(criteria), Sorted(technologies), Sorted(scenarios), Sorted(predicates),
            Sorted(rules), Sorted(trees), Sorted(tables), Sorted(cases), Sorted(migrations));
        return new CatalogLoadResult(catalog, ordered, files.Count);
    }

    private static void Add<T>(List<T> list, T? item) where T : class
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }

    private static ImmutableArray<T> Sorted<T>(IEnumerable<T> items) where T : IEntity =>
        items.OrderBy(i => i.Id, StringComparer.Ordinal).ToImmutableArray();

    /// <summary>SHA-256 over every file's catalogue path and text, in path order: the same catalogue always has the same digest.</summary>
    public static string Digest(IEnumerable<CatalogFile> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ThenBy(f => f.DisplayPath, StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(f.RelativePath));
            sha.AppendData([0]);
            sha.AppendData(Encoding.UTF8.GetBytes(f.Text.ReplaceLineEndings("\n")));
            sha.AppendData([0]);
        }
        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
