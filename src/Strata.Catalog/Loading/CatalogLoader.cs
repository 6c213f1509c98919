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

    /// <summary>
    /// The bundled catalogue: from the snapshot the build wrote and checked (the build fails on a broken catalogue),
    /// so a start reads one binary resource instead of parsing every YAML file.
    /// </summary>
    public static CatalogLoadResult LoadBundled()
    {
        if (Snapshot.CatalogSnapshot.Embedded() is not { } snapshot)
        {
            return LoadBundledYaml();
        }
        var result = Snapshot.CatalogSnapshot.Read(snapshot);
        StartupTrace.Mark("bundled catalogue snapshot read");
        return result;
    }

    /// <summary>The bundled catalogue loaded and checked from its embedded YAML, as the snapshot was made: what the tests compare the snapshot with.</summary>
    public static CatalogLoadResult LoadBundledYaml()
    {
        var files = CatalogSource.Bundled.Files();
        StartupTrace.Mark("bundled YAML resources read");
        return Load(files, YamlLimits.Default);
    }

    /// <summary>A directory laid out and named as the bundled catalogue (the build step's input, catalog/ of the repository).</summary>
    public static CatalogLoadResult LoadBundledLayout(string path) => Load(CatalogSource.BundledLayout(path));

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

        // The manifest and the vocabulary are read first: every other file is checked against the vocabulary.
        CatalogManifest? manifest = null;
        Vocabulary? vocabulary = null;
        var manifestFiles = 0;
        var vocabularyFiles = new List<CatalogFile>();
        foreach (var f in files)
        {
            if (f.RelativePath == "catalog.yaml")
            {
                manifestFiles++;
                if (Parse(f, limits, diagnostics) is { } root)
                {
                    manifest = EntityReaders.Manifest(new FileReader(f.DisplayPath, diagnostics), root) ?? manifest;
                }
            }
            else if (f.RelativePath == "vocabulary.yaml")
            {
                vocabularyFiles.Add(f);
            }
        }
        if (vocabularyFiles.Count > 1)
        {
            diagnostics.Add(new(new(vocabularyFiles[1].DisplayPath, 1, 1), Severity.Error, DiagnosticCodes.DuplicateId,
                $"a catalogue has one vocabulary; {vocabularyFiles[0].DisplayPath} already defines it (an extending catalogue uses the bundled vocabulary)"));
        }
        foreach (var f in vocabularyFiles)
        {
            // A second vocabulary is still parsed, so its YAML mistakes are reported, but not read.
            if (Parse(f, limits, diagnostics) is { } root && f == vocabularyFiles[0])
            {
                vocabulary = VocabularyReader.Read(new FileReader(f.DisplayPath, diagnostics), root);
            }
        }
        var firstPath = files.Count > 0 ? files[0].DisplayPath : "catalog";
        if (manifestFiles == 0)
        {
            diagnostics.Add(new(new(firstPath, 1, 1), Severity.Error, DiagnosticCodes.MissingField, "the catalogue has no catalog.yaml manifest (name, version)"));
        }
        if (vocabularyFiles.Count == 0)
        {
            diagnostics.Add(new(new(firstPath, 1, 1), Severity.Error, DiagnosticCodes.MissingField, "the catalogue has no vocabulary.yaml"));
        }
        var vocab = vocabulary ?? VocabularyReader.Empty;
        StartupTrace.Mark("manifest and vocabulary read");
        // The conditions of the vocabulary's scope choices are checked with every other condition.
        conditions.AddRange(vocab.Constraints.Values.SelectMany(c => c.Scopes).Where(s => s.When is not null).Select(s => s.When!));

        // Every entity file is parsed and read on its own, with its own diagnostics and references, so the
        // files can be read on all cores; the results are then taken in file order, as one reader would.
        var entityFiles = files.Where(f => f.RelativePath is not ("catalog.yaml" or "vocabulary.yaml")).ToList();
        var read = new FileResult[entityFiles.Count];
        if (entityFiles.Count >= ParallelFrom)
        {
            Parallel.For(0, entityFiles.Count, i => read[i] = ReadEntityFile(entityFiles[i], limits, vocab));
        }
        else
        {
            for (var i = 0; i < entityFiles.Count; i++)
            {
                read[i] = ReadEntityFile(entityFiles[i], limits, vocab);
            }
        }

        StartupTrace.Mark("entity files parsed and read");
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
        var predicateIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in read)
        {
            diagnostics.AddRange(r.Diagnostics);
            references.AddRange(r.References);
            conditions.AddRange(r.Conditions);
            if (r.Parsed && r.File.RelativePath.StartsWith("predicates/", StringComparison.Ordinal))
            {
                predicateIds.Add(Path.GetFileNameWithoutExtension(r.File.RelativePath));
            }
            if (r.Entity is null)
            {
                continue;
            }
            switch (r.Kind)
            {
                case "layer": layers.Add((Layer)r.Entity); break;
                case "criterion": criteria.Add((Criterion)r.Entity); break;
                case "technology": technologies.Add((Technology)r.Entity); break;
                case "scenario": scenarios.Add((Scenario)r.Entity); break;
                case "predicate": predicates.Add((Predicate)r.Entity); break;
                case "rule": rules.Add((Rule)r.Entity); break;
                case "tree": trees.Add((DecisionTree)r.Entity); break;
                case "table": tables.Add((Table)r.Entity); break;
                case "case": cases.Add((Case)r.Entity); break;
                case "migration": migrations.Add((Migration)r.Entity); break;
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

        StartupTrace.Mark("cross-checks");
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
        StartupTrace.Mark("sorted, digest");
        return new CatalogLoadResult(catalog, ordered, files.Count);
    }

    // Below this many files the thread pool costs more than it saves.
    private const int ParallelFrom = 16;

    /// <summary>One entity file read on its own: what it defines and everything reading it found.</summary>
    private sealed record FileResult(CatalogFile File, bool Parsed, string? Kind, object? Entity, List<Diagnostic> Diagnostics, List<Reference> References, List<ConditionText> Conditions);

    private static YamlNode? Parse(CatalogFile f, YamlLimits limits, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var root = YamlDocumentReader.Read(f.DisplayPath, f.Text, limits, diagnostics);
        if (root is null && diagnostics.Count == before)
        {
            diagnostics.Add(new(new(f.DisplayPath, 1, 1), Severity.Error, DiagnosticCodes.WrongType, "the file is empty; it must hold one entity"));
        }
        return root;
    }

    private static FileResult ReadEntityFile(CatalogFile file, YamlLimits limits, Vocabulary vocab)
    {
        var diagnostics = new List<Diagnostic>();
        var references = new List<Reference>();
        var conditions = new List<ConditionText>();
        var root = Parse(file, limits, diagnostics);
        if (root is null)
        {
            return new(file, false, null, null, diagnostics, references, conditions);
        }
        var slash = file.RelativePath.IndexOf('/');
        var folder = slash < 0 ? "" : file.RelativePath[..slash];
        if (!Folders.TryGetValue(folder, out var kind) || file.RelativePath.IndexOf('/', slash + 1) >= 0)
        {
            diagnostics.Add(new(new(file.DisplayPath, 1, 1), Severity.Error, DiagnosticCodes.Inconsistent,
                $"this file is not where a catalogue keeps entities; put it in one of: {string.Join(", ", Folders.Keys.Select(k => k + "/"))}{Suggestions.DidYouMean(folder, Folders.Keys)}"));
            return new(file, true, null, null, diagnostics, references, conditions);
        }
        var fileId = Path.GetFileNameWithoutExtension(file.RelativePath);
        var ctx = new ReadContext(new FileReader(file.DisplayPath, diagnostics), vocab, references, conditions);
        object? entity = kind switch
        {
            "layer" => EntityReaders.Layer(ctx, root, fileId),
            "criterion" => EntityReaders.Criterion(ctx, root, fileId),
            "technology" => EntityReaders.Technology(ctx, root, fileId),
            "scenario" => EntityReaders.Scenario(ctx, root, fileId),
            "predicate" => EntityReaders.Predicate(ctx, root, fileId),
            "rule" => EntityReaders.Rule(ctx, root, fileId),
            "tree" => EntityReaders.Tree(ctx, root, fileId),
            "table" => TableReader.Table(ctx, root, fileId),
            "case" => TableReader.Case(ctx, root, fileId),
            "migration" => EntityReaders.Migration(ctx, root, fileId),
            _ => null,
        };
        return new(file, true, kind, entity, diagnostics, references, conditions);
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
