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

    /// <summary>The catalogue and the profile a command decides on (a file or a scenario id), or false after reporting why not.</summary>
    public static bool TryLoad(ParseResult parse, CliEnvironment env, Argument<string> profileArg,
        [NotNullWhen(true)] out Model.Entities.Catalog? catalog, [NotNullWhen(true)] out Model.Entities.Profile? profile)
    {
        profile = null;
        if (!TryLoad(parse, env, out catalog))
        {
            return false;
        }
        var loaded = Catalog.Profiles.ProfileLoader.Load(parse.GetValue(profileArg)!, catalog);
        DiagnosticsRenderer.Write(env.Error, loaded.Diagnostics);
        profile = loaded.Profile;
        return profile is not null;
    }
}
