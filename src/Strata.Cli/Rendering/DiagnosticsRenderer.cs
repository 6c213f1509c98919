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

    public static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
