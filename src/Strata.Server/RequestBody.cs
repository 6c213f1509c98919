using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Strata.Application;

namespace Strata.Server;

/// <summary>A field of a request body that cannot be used, at its JSON pointer.</summary>
public sealed record BodyError(string Pointer, string Code, string Message);

/// <summary>
/// A decision request's body, read: what to decide (<see cref="Input"/>), and the fields only some endpoints take.
/// <see cref="LinePointers"/> maps each line of a profile given as a JSON object (written out as YAML for the
/// loader) back to the JSON pointer of the field on it, so a diagnostic points into the body, not into YAML no
/// one wrote.
/// </summary>
public sealed partial record RequestBody(DecisionInput Input, string? Label, string? Stack, string? A, string? B, ImmutableArray<string>? LinePointers)
{
    /// <summary>The fields every decision body takes, and those only some endpoints take.</summary>
    private static readonly string[] Common = ["profile", "evidence", "robustness", "samples", "seed", "sample_weights", "weights", "host", "top"];

    /// <summary>A profile string that is only an id (letters, digits, dashes) names a scenario; anything else is YAML.</summary>
    private static bool IsScenarioId(string s) => ScenarioId().IsMatch(s);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex ScenarioId();

    /// <summary>
    /// Reads a body already parsed as JSON. <paramref name="extra"/> names the fields this endpoint takes beyond
    /// the common ones. Every problem is gathered, each at its pointer.
    /// </summary>
    public static (RequestBody? Body, ImmutableArray<BodyError> Errors) Read(JsonElement root, params string[] extra)
    {
        var errors = ImmutableArray.CreateBuilder<BodyError>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("", "wrong-type", "the body must be a JSON object such as {\"profile\": \"edge\"}"));
            return (null, errors.ToImmutable());
        }
        foreach (var p in root.EnumerateObject())
        {
            if (!Common.Contains(p.Name) && !extra.Contains(p.Name))
            {
                errors.Add(new(Pointer("", p.Name), "unknown-field", $"there is no field '{p.Name}' here; fields: {string.Join(", ", Common.Concat(extra))}"));
            }
        }
        string? kind = null, text = null;
        ImmutableArray<string>? lines = null;
        if (!root.TryGetProperty("profile", out var profile))
        {
            errors.Add(new("/profile", "missing-field", "the body needs a profile: YAML text, a JSON object of the same fields, or a scenario id such as \"edge\""));
        }
        else if (profile.ValueKind == JsonValueKind.String)
        {
            text = profile.GetString()!;
            kind = IsScenarioId(text) ? DecisionInput.ScenarioKind : DecisionInput.Yaml;
            if (text.Length == 0)
            {
                errors.Add(new("/profile", "wrong-type", "the profile is empty"));
            }
        }
        else if (profile.ValueKind == JsonValueKind.Object)
        {
            var sb = new StringBuilder();
            var map = new List<string>();
            WriteYaml(profile, "/profile", 0, sb, map);
            (kind, text, lines) = (DecisionInput.Yaml, sb.ToString(), [.. map]);
        }
        else
        {
            errors.Add(new("/profile", "wrong-type", $"the profile must be a string (YAML text or a scenario id) or an object, not {Kind(profile)}"));
        }
        var evidence = String(root, "evidence", errors) ?? "sourced";
        var robustness = Bool(root, "robustness", errors) ?? true;
        var samples = Int(root, "samples", 1, 1_000_000, errors) ?? 2000;
        var seed = Int(root, "seed", int.MinValue, int.MaxValue, errors) ?? 42;
        var sampleWeights = Bool(root, "sample_weights", errors) ?? false;
        var top = Int(root, "top", 1, 1000, errors) ?? 5;
        var weights = Map(root, "weights", JsonValueKind.Number, e => e.GetDouble(), "a number", errors);
        var host = Map(root, "host", JsonValueKind.True, e => e.GetBoolean(), "true or false", errors);
        var label = extra.Contains("label") ? String(root, "label", errors) : null;
        var stack = extra.Contains("stack") ? String(root, "stack", errors) : null;
        var a = extra.Contains("a") ? String(root, "a", errors) : null;
        var b = extra.Contains("b") ? String(root, "b", errors) : null;
        if (label is { Length: > 200 })
        {
            errors.Add(new("/label", "out-of-range", "a label is at most 200 characters"));
        }
        if (errors.Count > 0 || kind is null || text is null)
        {
            return (null, errors.ToImmutable());
        }
        var input = new DecisionInput(kind, "profile", text)
        {
            Evidence = evidence,
            Robustness = robustness,
            Samples = samples,
            Seed = seed,
            SampleWeights = sampleWeights,
            Top = top,
            Weights = weights,
            Host = host,
        };
        return (new RequestBody(input, label, stack, a, b, lines), []);
    }

    /// <summary>The key that identifies what this body asks: equal keys give equal answers (the evaluation cache's key).</summary>
    public string CacheKey(string endpoint)
    {
        var i = Input;
        var sb = new StringBuilder(endpoint).Append('\n').Append(i.ProfileKind).Append('\n').Append(i.ProfileText).Append('\n')
            .Append(i.Evidence).Append('\n').Append(i.Robustness).Append(i.Samples).Append('/').Append(i.Seed).Append('/').Append(i.SampleWeights).Append('/').Append(i.Top).Append('\n');
        foreach (var (k, v) in i.Weights ?? ImmutableSortedDictionary<string, double>.Empty)
        {
            sb.Append(k).Append('=').Append(v.ToString("R", CultureInfo.InvariantCulture)).Append(';');
        }
        sb.Append('\n');
        foreach (var (k, v) in i.Host ?? ImmutableSortedDictionary<string, bool>.Empty)
        {
            sb.Append(k).Append('=').Append(v).Append(';');
        }
        return sb.Append('\n').Append(Stack).Append('\n').Append(A).Append('\n').Append(B).ToString();
    }

    public static string Pointer(string parent, string name) => parent + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string? String(JsonElement root, string name, ImmutableArray<BodyError>.Builder errors)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            errors.Add(new("/" + name, "wrong-type", $"{name} must be a string, not {Kind(v)}"));
            return null;
        }
        return v.GetString();
    }

    private static bool? Bool(JsonElement root, string name, ImmutableArray<BodyError>.Builder errors)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(new("/" + name, "wrong-type", $"{name} must be true or false, not {Kind(v)}"));
            return null;
        }
        return v.GetBoolean();
    }

    private static int? Int(JsonElement root, string name, int min, int max, ImmutableArray<BodyError>.Builder errors)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            errors.Add(new("/" + name, "wrong-type", $"{name} must be a whole number, not {(v.ValueKind == JsonValueKind.Number ? v.GetRawText() : Kind(v))}"));
            return null;
        }
        if (n < min || n > max)
        {
            errors.Add(new("/" + name, "out-of-range", $"{name} must be between {min:N0} and {max:N0}, not {n:N0}"));
            return null;
        }
        return (int)n;
    }

    private static ImmutableSortedDictionary<string, T>? Map<T>(JsonElement root, string name, JsonValueKind kind, Func<JsonElement, T> read, string what,
        ImmutableArray<BodyError>.Builder errors)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("/" + name, "wrong-type", $"{name} must be an object, not {Kind(v)}"));
            return null;
        }
        var result = ImmutableSortedDictionary.CreateBuilder<string, T>(StringComparer.Ordinal);
        foreach (var p in v.EnumerateObject())
        {
            var ok = kind == JsonValueKind.True ? p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False : p.Value.ValueKind == kind;
            if (!ok)
            {
                errors.Add(new(Pointer("/" + name, p.Name), "wrong-type", $"{name}.{p.Name} must be {what}, not {Kind(p.Value)}"));
                continue;
            }
            result[p.Name] = read(p.Value);
        }
        return result.ToImmutable();
    }

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static string Quote(string s) => "\"" + JsonEncodedText.Encode(s, Encoder) + "\"";

    /// <summary>
    /// A JSON object as block YAML, one field per line, recording the pointer of each line. Scalars keep their JSON
    /// spelling (a JSON string is a YAML double-quoted scalar); arrays become block sequences, and anything nested
    /// inside an array stays in JSON (flow) form on its line. Recursion is bounded by the JSON reader's depth limit.
    /// </summary>
    private static void WriteYaml(JsonElement e, string pointer, int indent, StringBuilder sb, List<string> map)
    {
        var pad = new string(' ', indent);
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                var child = Pointer(pointer, p.Name);
                sb.Append(pad).Append(Quote(p.Name)).Append(':');
                map.Add(child);
                if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && Nonempty(p.Value))
                {
                    sb.Append('\n');
                    WriteYaml(p.Value, child, indent + 2, sb, map);
                }
                else
                {
                    sb.Append(' ').Append(Scalar(p.Value)).Append('\n');
                }
            }
        }
        else
        {
            var i = 0;
            foreach (var item in e.EnumerateArray())
            {
                sb.Append(pad).Append("- ").Append(Scalar(item)).Append('\n');
                map.Add(pointer + "/" + i++.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static bool Nonempty(JsonElement e) => e.ValueKind == JsonValueKind.Object ? e.EnumerateObject().Any() : e.GetArrayLength() > 0;

    /// <summary>A value on one line: scalars as JSON spells them, empty or nested containers in JSON (YAML flow) form.</summary>
    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => Quote(e.GetString()!),
        JsonValueKind.Object or JsonValueKind.Array => e.GetRawText().ReplaceLineEndings(" "),
        _ => e.GetRawText(),
    };
}
