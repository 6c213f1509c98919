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
