using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Strata.Catalog.Loading;
using Strata.Cli.Rendering;

namespace Strata.Cli.Commands;

/// <summary>Loads the catalogue a command works on (bundled, or --catalog DIR) and reports why it could not.</summary>
public static class CatalogAccess
{
    /// <summary>
    /// Loads the bundled catalogue (dir null) or the one in dir, with how to name it in messages; null
    /// after reporting that dir does not exist.
    /// </summary>
    public static (CatalogLoadResult Result, string Source)? Load(string? dir, CliEnvironment env)
    {
        if (dir is not null && !Directory.Exists(dir))
        {
            env.Error.WriteLine($"strata: there is no catalogue directory '{dir}'.");
            return null;
        }
        return dir is null ? (CatalogLoader.LoadBundled(), "the bundled catalogue") : (CatalogLoader.LoadDirectory(dir), dir);
    }

    public static bool TryLoad(ParseResult parse, CliEnvironment env, [NotNullWhen(true)] out Model.Entities.Catalog? catalog)
    {
        catalog = null;
        if (Load(parse.GetValue(GlobalOptions.Catalog), env) is not var (result, source))
        {
            return false;
        }
        if (!result.Success)
        {
            DiagnosticsRenderer.Write(env.Error, result.Diagnostics);
            env.Error.WriteLine(DiagnosticsRenderer.Summary(result, source));
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
