using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Strata.Catalog.Loading;
using Strata.Cli.Rendering;

namespace Strata.Cli.Commands;

/// <summary>Loads the catalogue a command works on (bundled, or --catalog DIR) and reports why it could not.</summary>
public static class CatalogAccess
{
    public static bool TryLoad(ParseResult parse, CliEnvironment env, [NotNullWhen(true)] out Model.Entities.Catalog? catalog)
    {
        var dir = parse.GetValue(GlobalOptions.Catalog);
        catalog = null;
        if (dir is not null && !Directory.Exists(dir))
        {
            env.Error.WriteLine($"strata: there is no catalogue directory '{dir}'.");
            return false;
        }
        var result = dir is null ? CatalogLoader.LoadBundled() : CatalogLoader.LoadDirectory(dir);
        if (!result.Success)
        {
            DiagnosticsRenderer.Write(env.Error, result.Diagnostics);
            env.Error.WriteLine(DiagnosticsRenderer.Summary(result, dir ?? "the bundled catalogue"));
            return false;
        }
        catalog = result.Catalog!;
        return true;
    }
}
