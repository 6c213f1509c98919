using Strata.Application.Requests;
using Strata.Fleet.Inventory;

namespace Strata.Fleet.Planning;

/// <summary>One rule of a --map file: every term of the selector must hold for the node's labels.</summary>
public sealed record MapRule(string Selector, IReadOnlyList<(string Key, string? Value, bool Negated)> Terms, string Profile, int Line);

/// <summary>
/// Which workload profile a node gets, by label selector (<c>--map FILE</c>). One rule a line:
/// <c>SELECTOR PROFILE</c>, where SELECTOR is Kubernetes' equality-based selector (<c>key=value</c>, <c>key!=value</c>,
/// <c>key</c> for "has the label", <c>!key</c> for "lacks it", joined by commas) and PROFILE a profile file or a
/// scenario id; <c>#</c> starts a comment. The first rule that holds wins; a node no rule selects gets --profile.
/// </summary>
public sealed class ProfileMap
{
    private ProfileMap(IReadOnlyList<MapRule> rules) => Rules = rules;

    public static readonly ProfileMap Empty = new([]);

    public IReadOnlyList<MapRule> Rules { get; }

    /// <summary>The label keys the rules read.</summary>
    public IEnumerable<string> Keys => Rules.SelectMany(r => r.Terms.Select(t => t.Key)).Distinct(StringComparer.Ordinal);

    /// <summary>The rules, or every problem as file:line:column messages.</summary>
    public static (ProfileMap? Map, IReadOnlyList<string> Errors) Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = new List<MapRule>();
        var errors = new List<string>();
        var lines = text.Split('\n');
        if (lines.Length > 10_000)
        {
            return (null, [$"{name}:1:1: error: a map holds at most 10,000 rules"]);
        }
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var content = (hash >= 0 ? line[..hash] : line).Trim();
            if (content.Length == 0)
            {
                continue;
            }
            var col = line.IndexOf(content, StringComparison.Ordinal) + 1;
            var parts = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                errors.Add($"{name}:{i + 1}:{col}: error: a rule is 'SELECTOR PROFILE' (such as 'node-role.kubernetes.io/edge=true examples/edge.yaml'), found '{content}'");
                continue;
            }
            var terms = new List<(string Key, string? Value, bool Negated)>();
            foreach (var term in parts[0].Split(','))
            {
                var t = term.Trim();
                var neq = t.IndexOf("!=", StringComparison.Ordinal);
                var eq = t.IndexOf('=', StringComparison.Ordinal);
                (string Key, string? Value, bool Negated) parsed =
                    neq > 0 ? (t[..neq], (string?)t[(neq + 2)..], true)
                    : eq > 0 ? (t[..eq], (string?)t[(eq + 1)..].TrimStart('='), false)
                    : t.StartsWith('!') ? (t[1..], (string?)null, true)
                    : (t, (string?)null, false);
                if (parsed.Key.Length == 0 || parsed.Key.Length > 253 || parsed.Key.Contains('='))
                {
                    errors.Add($"{name}:{i + 1}:{col}: error: '{t}' is not a selector term (key=value, key!=value, key or !key)");
                    continue;
                }
                terms.Add(parsed);
            }
            rules.Add(new MapRule(parts[0], terms, parts[1], i + 1));
        }
        return errors.Count > 0 ? (null, errors) : (new ProfileMap(rules), []);
    }

    /// <summary>The index of the first rule that holds for the node (0-based), or -1 for none.</summary>
    public int Match(NodeRecord node)
    {
        ArgumentNullException.ThrowIfNull(node);
        for (var i = 0; i < Rules.Count; i++)
        {
            var all = true;
            foreach (var (key, value, negated) in Rules[i].Terms)
            {
                var has = node.Labels.TryGetValue(key, out var actual);
                var holds = value is null ? has : has && actual == value;
                if (holds == negated)
                {
                    all = false;
                    break;
                }
            }
            if (all)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A rule's profile as a request source (a file, or a scenario id when there is no such file).</summary>
    public static ProfileSource Source(string profile) => ProfileSource.Path(profile);
}
