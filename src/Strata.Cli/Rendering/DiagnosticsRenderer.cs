using Strata.Catalog.Loading;
using Strata.Model.Diagnostics;

namespace Strata.Cli.Rendering;

/// <summary>Diagnostics as lines a compiler user knows: FILE:LINE:COL: error[code]: message.</summary>
public static class DiagnosticsRenderer
{
    public static void Write(TextWriter writer, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            writer.WriteLine(d.ToString());
        }
    }

    public static string Summary(CatalogLoadResult result, string source)
    {
        var errors = result.Errors.Count();
        var warnings = result.Warnings.Count();
        return $"{source}: {Plural(errors, "error")}, {Plural(warnings, "warning")} in {Plural(result.FileCount, "file")}.";
    }

    public static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
