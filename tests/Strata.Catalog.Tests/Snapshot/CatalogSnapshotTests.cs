using System.Collections;
using System.Reflection;
using Strata.Catalog.Loading;
using Strata.Catalog.Snapshot;

namespace Strata.Catalog.Tests.Snapshot;

/// <summary>
/// The bundled catalogue read from the build's snapshot is the catalogue its YAML loads to, in every public
/// property of every object (so a model field the snapshot does not carry fails here), with the same digest,
/// warnings and file count; a damaged snapshot is refused.
/// </summary>
public class CatalogSnapshotTests
{
    private static readonly Lazy<CatalogLoadResult> FromYaml = new(CatalogLoader.LoadBundledYaml);
    private static readonly Lazy<CatalogLoadResult> FromSnapshot = new(() => CatalogSnapshot.Read(CatalogSnapshot.Embedded()!));

    [Fact]
    public void Embedded_IsInTheAssembly() => CatalogSnapshot.Embedded().ShouldNotBeNull();

    [Fact]
    public void LoadBundled_ReadsTheSnapshot_EqualToTheYamlInEveryProperty()
    {
        var differences = new List<string>();
        DeepCompare.Compare(FromYaml.Value, FromSnapshot.Value, "result", differences);
        differences.ShouldBeEmpty(string.Join("\n", differences));
    }

    [Fact]
    public void LoadBundled_HasTheYamlDigest() =>
        CatalogLoader.LoadBundled().Catalog!.Digest.ShouldBe(CatalogLoader.Digest(CatalogSource.Bundled.Files()));

    [Fact]
    public void Write_OfTheSnapshotsCatalogue_GivesTheSameBytes()
    {
        var embedded = CatalogSnapshot.Embedded()!;
        CatalogSnapshot.Write(FromSnapshot.Value).ShouldBe(embedded);
        CatalogSnapshot.Write(FromYaml.Value).ShouldBe(embedded);
    }

    [Fact]
    public void Read_OfADamagedSnapshot_Throws()
    {
        var embedded = CatalogSnapshot.Embedded()!;
        Should.Throw<InvalidDataException>(() => CatalogSnapshot.Read(embedded[..(embedded.Length / 2)]));
        Should.Throw<InvalidDataException>(() => CatalogSnapshot.Read([.. embedded, 0]));
        var otherFormat = embedded.ToArray();
        otherFormat[15]++; // the format version follows the 15-byte magic
        Should.Throw<InvalidDataException>(() => CatalogSnapshot.Read(otherFormat)).Message.ShouldContain("format");
        Should.Throw<InvalidDataException>(() => CatalogSnapshot.Read("not a snapshot"u8.ToArray()));
    }

    /// <summary>
    /// The other half of the guard: a model property the bundled catalogue never sets cannot be checked by the
    /// comparison above, so each one is named here. A new field shows up in this list until the catalogue uses it;
    /// then the comparison checks that the snapshot carries it (add it to src/Strata.Catalog/Snapshot first).
    /// </summary>
    [Fact]
    public void EveryModelProperty_TheBundledCatalogueNeverSets_IsKnown()
    {
        var unknown = DeepCompare.NeverSet(FromYaml.Value.Catalog!).Except(NeverSetInTheBundledCatalogue).ToList();
        unknown.ShouldBeEmpty("model properties the bundled catalogue leaves at their default; a new one must be carried by CatalogSnapshot before it is added here");
    }

    // Each of these is carried by CatalogSnapshot; one the catalogue starts to use is then checked by the comparison.
    private static readonly string[] NeverSetInTheBundledCatalogue =
    [
        "CaseOutcome.Note", "CaseProfile.Layers", "CatalogManifest.Extends", "DecisionTree.Note", "Literal.Bool", "Measurement.Here", "TableColumn.Dimension",
    ];

    [Fact]
    public void Write_OfAFailedLoad_Throws() =>
        Should.Throw<ArgumentException>(() => CatalogSnapshot.Write(new CatalogLoadResult(null, [], 0)));

    [Fact]
    public void DeepCompare_FindsADifferenceInANestedInitProperty()
    {
        var c = FromYaml.Value.Catalog!;
        var tech = c.Technologies[0];
        var changed = c with { Technologies = c.Technologies.SetItem(0, tech with { Facts = tech.Facts.SetItem(0, tech.Facts[0] with { Representative = !tech.Facts[0].Representative }) }) };
        var differences = new List<string>();
        DeepCompare.Compare(c, changed, "catalog", differences);
        differences.ShouldHaveSingleItem().ShouldContain("Facts[0].Representative");
    }
}

/// <summary>Structural equality by reflection over public properties, for tests only: reports the path of each difference.</summary>
internal static class DeepCompare
{
    /// <summary>Every settable property (positional or init) of every object reachable from <paramref name="root"/> that is at its default in all of them.</summary>
    public static List<string> NeverSet(object root)
    {
        var set = new Dictionary<string, bool>(StringComparer.Ordinal);
        Walk(root, set, 0);
        return [.. set.Where(kv => !kv.Value).Select(kv => kv.Key).Order(StringComparer.Ordinal)];
    }

    private static void Walk(object? value, Dictionary<string, bool> set, int depth)
    {
        if (value is null || depth > 64)
        {
            return;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal or Uri)
        {
            return;
        }
        if (value is IEnumerable items)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>) && (bool)type.GetProperty("IsDefault")!.GetValue(value)!)
            {
                return;
            }
            foreach (var item in items)
            {
                Walk(item, set, depth + 1);
            }
            return;
        }
        if (type.Namespace is null || !type.Namespace.StartsWith("Strata.", StringComparison.Ordinal))
        {
            // KeyValuePair and the like: walk into their values, but they are not model types.
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                Walk(p.GetValue(value), set, depth + 1);
            }
            return;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.SetMethod is not null))
        {
            var v = p.GetValue(value);
            var key = $"{p.DeclaringType!.Name}.{p.Name}";
            set[key] = set.GetValueOrDefault(key) || IsSet(v);
            Walk(v, set, depth + 1);
        }
    }

    private static bool IsSet(object? v) => v switch
    {
        null => false,
        bool b => b,
        string => true,
        _ when v.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>) && (bool)t.GetProperty("IsDefault")!.GetValue(v)! => false,
        IEnumerable e => e.Cast<object?>().Any(),
        _ when v.GetType().IsValueType => !v.Equals(Activator.CreateInstance(v.GetType())),
        _ => true,
    };

    public static void Compare(object? a, object? b, string path, List<string> differences, int depth = 0)
    {
        if (differences.Count >= 20)
        {
            return;
        }
        if (depth > 64)
        {
            differences.Add($"{path}: nested deeper than 64; a cycle?");
            return;
        }
        if (a is null || b is null)
        {
            if (a is not null || b is not null)
            {
                differences.Add($"{path}: {a ?? "null"} vs {b ?? "null"}");
            }
            return;
        }
        var type = a.GetType();
        if (type != b.GetType())
        {
            differences.Add($"{path}: {type.Name} vs {b.GetType().Name}");
            return;
        }
        if (type.IsPrimitive || type.IsEnum || a is string or decimal or Uri)
        {
            if (!a.Equals(b) || (a is Uri ua && ua.OriginalString != ((Uri)b).OriginalString))
            {
                differences.Add($"{path}: {a} vs {b}");
            }
            return;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>))
        {
            var (da, db) = ((bool)type.GetProperty("IsDefault")!.GetValue(a)!, (bool)type.GetProperty("IsDefault")!.GetValue(b)!);
            if (da || db)
            {
                if (da != db)
                {
                    differences.Add($"{path}: {(da ? "default" : "an array")} vs {(db ? "default" : "an array")}");
                }
                return;
            }
        }
        if (a is IEnumerable ea)
        {
            if (type.GetProperty("KeyComparer") is { } comparer && !Equals(comparer.GetValue(a), comparer.GetValue(b)))
            {
                differences.Add($"{path}: the keys compare differently");
            }
            var la = ea.Cast<object?>().ToList();
            var lb = ((IEnumerable)b).Cast<object?>().ToList();
            if (la.Count != lb.Count)
            {
                differences.Add($"{path}: {la.Count} items vs {lb.Count}");
                return;
            }
            for (var i = 0; i < la.Count; i++)
            {
                Compare(la[i], lb[i], $"{path}[{i}]", differences, depth + 1);
            }
            // Items compared; a collection's other properties (Count, IsEmpty) say nothing more.
            return;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            Compare(p.GetValue(a), p.GetValue(b), $"{path}.{p.Name}", differences, depth + 1);
        }
    }
}
