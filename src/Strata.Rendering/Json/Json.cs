using System.Text.Encodings.Web;
using System.Text.Json;

namespace Strata.Rendering.Json;

/// <summary>One way to write JSON: indented, "\n" line ends, non-ASCII kept readable, a final newline.</summary>
public static class Json
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    /// <summary>A named array of strings.</summary>
    public static void WriteStrings(this Utf8JsonWriter j, string name, IEnumerable<string> values)
    {
        j.WriteStartArray(name);
        foreach (var v in values)
        {
            j.WriteStringValue(v);
        }
        j.WriteEndArray();
    }

    /// <summary>A named array with one object per item; <paramref name="body"/> writes an item's properties.</summary>
    public static void WriteObjects<T>(this Utf8JsonWriter j, string name, IEnumerable<T> items, Action<T> body)
    {
        j.WriteStartArray(name);
        foreach (var item in items)
        {
            j.WriteStartObject();
            body(item);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }

    /// <summary>A named number, or null when there is none.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter j, string name, int? value)
    {
        if (value is { } v)
        {
            j.WriteNumber(name, v);
        }
        else
        {
            j.WriteNull(name);
        }
    }

    public static void Write(TextWriter writer, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            body(json);
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
    }
}
