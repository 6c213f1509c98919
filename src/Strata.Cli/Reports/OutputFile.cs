using System.Text;

namespace Strata.Cli.Reports;

/// <summary>Files a command writes for the user (reports, saved evidence).</summary>
public static class OutputFile
{
    /// <summary>Writes UTF-8 through a temporary file and a rename, so a failure never leaves half a file.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, full, overwrite: true);
    }
}
