using Strata.Catalog.Loading;
using Strata.Catalog.Snapshot;
using Strata.Model.Diagnostics;

// Usage: strata-catalog-snapshot CATALOG_DIR OUTPUT
// Loads CATALOG_DIR as the bundled catalogue (its files named as the embedded resources are), prints every
// diagnostic in the form MSBuild shows as a build error or warning, and, when there are no errors, writes the
// snapshot to OUTPUT after checking that it reads back to the same bytes.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: strata-catalog-snapshot CATALOG_DIR OUTPUT");
    return 2;
}
var (directory, output) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
var result = CatalogLoader.LoadBundledLayout(directory);
foreach (var d in result.Diagnostics)
{
    // file(line,col): error code: message — MSBuild's canonical form, so the build lists each problem where it is.
    var file = d.Location.File.StartsWith(CatalogSource.BundledPrefix, StringComparison.Ordinal)
        ? Path.Combine(directory, d.Location.File[CatalogSource.BundledPrefix.Length..])
        : d.Location.File;
    Console.Out.WriteLine($"{file}({d.Location.Line},{d.Location.Column}): {(d.Severity == Severity.Error ? "error" : "warning")} {d.Code}: {d.Message}");
}
if (!result.Success)
{
    Console.Out.WriteLine($"{directory}: error catalogue: the bundled catalogue has {result.Errors.Count()} error(s); Strata is not built with a broken catalogue");
    return 1;
}
var snapshot = CatalogSnapshot.Write(result);
if (!CatalogSnapshot.Write(CatalogSnapshot.Read(snapshot)).AsSpan().SequenceEqual(snapshot))
{
    Console.Out.WriteLine($"{output}: error snapshot: the snapshot does not read back to itself; a writer and its reader in src/Strata.Catalog/Snapshot disagree");
    return 1;
}
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllBytes(output, snapshot);
Console.Out.WriteLine($"catalogue snapshot: {result.FileCount} files, {result.Catalog!.Technologies.Length} technologies, {snapshot.Length:N0} bytes, {result.Catalog.Digest}");
return 0;
