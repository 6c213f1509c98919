namespace Strata.Catalog.Yaml;

/// <summary>Reading a YAML file from disk for any loader (catalogue, profile, host file, measurements).</summary>
public static class YamlFile
{
    /// <summary>
    /// The file's text, cut at the size limit plus one byte: the reader then reports the limit
    /// (<see cref="YamlDocumentReader"/>) without a huge file ever being read whole.
    /// </summary>
    public static string ReadLimited(string path)
    {
        var max = YamlLimits.Default.MaxFileBytes;
        var info = new FileInfo(path);
        if (info.Length <= max)
        {
            return File.ReadAllText(path);
        }
        using var stream = File.OpenRead(path);
        var buffer = new byte[max + 1];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }
}
