using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Strata.Fleet.Inventory;

/// <summary>
/// The label keys planning reads (<see cref="LabelKeys.Read"/> and the --map selectors'), each with a fixed index, found
/// from a label key's UTF-8 bytes without making a string: the keys are grouped by byte length, so most of a node's
/// labels (synthetic and real nodes carry about thirty, of which a handful are wanted) are passed over after one
/// length test, and the rest are compared with the one or two wanted keys of that length.
/// </summary>
internal sealed class WantedLabels
{
    private readonly (byte[] Utf8, int Index)[]?[] _byLength;
    private readonly Dictionary<string, int> _byKey;

    public WantedLabels(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = [.. keys.Distinct(StringComparer.Ordinal)];
        _byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var utf8 = new byte[Keys.Length][];
        for (var i = 0; i < Keys.Length; i++)
        {
            _byKey[Keys[i]] = i;
            utf8[i] = Encoding.UTF8.GetBytes(Keys[i]);
        }
        _byLength = new (byte[], int)[]?[utf8.Length == 0 ? 0 : utf8.Max(u => u.Length) + 1];
        foreach (var group in utf8.Select((u, i) => (Utf8: u, Index: i)).GroupBy(k => k.Utf8.Length))
        {
            _byLength[group.Key] = [.. group];
        }
    }

    /// <summary>The keys in index order.</summary>
    public string[] Keys { get; }

    /// <summary>The index of the key whose UTF-8 bytes (unescaped) are <paramref name="utf8"/>, or -1 when planning does not read it.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length >= _byLength.Length || _byLength[utf8.Length] is not { } candidates)
        {
            return -1;
        }
        foreach (var (key, index) in candidates)
        {
            if (utf8.SequenceEqual(key))
            {
                return index;
            }
        }
        return -1;
    }

    /// <summary>The index of <paramref name="key"/>, or -1 when planning does not read it.</summary>
    public int IndexOf(string key)
    {
        // The planner asks with the same string objects the keys were made from (LabelKeys' constants, the map's keys).
        for (var i = 0; i < Keys.Length; i++)
        {
            if (ReferenceEquals(Keys[i], key))
            {
                return i;
            }
        }
        return _byKey.TryGetValue(key, out var found) ? found : -1;
    }
}

/// <summary>
/// The wanted labels of one node: a value (or none) per <see cref="WantedLabels"/> index, so a node costs one array
/// of references instead of a dictionary. Enumerates in the wanted keys' order.
/// </summary>
internal sealed class LabelSet(WantedLabels wanted) : IReadOnlyDictionary<string, string>
{
    private readonly string?[] _values = new string?[wanted.Keys.Length];

    public int Count { get; private set; }

    public void Set(int index, string value)
    {
        if (_values[index] is null)
        {
            Count++;
        }
        _values[index] = value;
    }

    public string? this[int index] => _values[index];

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The node has no label '{key}' that planning reads.");

    public IEnumerable<string> Keys => this.Select(kv => kv.Key);

    public IEnumerable<string> Values => this.Select(kv => kv.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var i = wanted.IndexOf(key);
        value = i >= 0 ? _values[i] : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is { } value)
            {
                yield return new(wanted.Keys[i], value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
