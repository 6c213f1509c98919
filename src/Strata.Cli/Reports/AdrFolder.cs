using System.Text.RegularExpressions;

namespace Strata.Cli.Reports;

/// <summary>
/// Where a team keeps its decision records, and the next number: .adr-dir, then .log4brains.yml's
/// adrFolder, then docs/decisions, docs/adr, doc/adr (the first that exists; docs/decisions is created
/// when none does). Numbering continues from the highest NNNN- file there.
/// </summary>
public static partial class AdrFolder
{
    [GeneratedRegex(@"^(\d{4})-", RegexOptions.CultureInvariant)]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^\s*adrFolder:\s*[""']?([^""'#\r\n]+?)[""']?\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Log4brainsFolder();

    [GeneratedRegex("-+", RegexOptions.CultureInvariant)]
    private static partial Regex Dashes();

    public static string Find(string root)
    {
        var adrDir = Path.Combine(root, ".adr-dir");
        if (File.Exists(adrDir) && File.ReadAllText(adrDir).Trim() is { Length: > 0 } configured)
        {
            return Path.Combine(root, configured);
        }
        var log4brains = Path.Combine(root, ".log4brains.yml");
        if (File.Exists(log4brains) && Log4brainsFolder().Match(File.ReadAllText(log4brains)) is { Success: true } m)
        {
            return Path.Combine(root, m.Groups[1].Value.Trim());
        }
        foreach (var candidate in new[] { "docs/decisions", "docs/adr", "doc/adr" })
        {
            if (Directory.Exists(Path.Combine(root, candidate)))
            {
                return Path.Combine(root, candidate);
            }
        }
        return Path.Combine(root, "docs", "decisions");
    }

    public static int NextNumber(string folder) =>
        !Directory.Exists(folder) ? 1
        : Directory.EnumerateFiles(folder, "*.md").Select(f => Numbered().Match(Path.GetFileName(f)))
            .Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0).Max() + 1;

    public static string Kebab(string title)
    {
        var chars = title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var s = Dashes().Replace(new string(chars), "-").Trim('-');
        return s.Length > 60 ? s[..60].TrimEnd('-') : s;
    }
}
