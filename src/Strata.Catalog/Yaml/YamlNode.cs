namespace Strata.Catalog.Yaml;

/// <summary>
/// A YAML node with its position. Strata builds these itself from parser events, so that limits
/// apply while reading and no YAML tag can ever instantiate a type.
/// </summary>
public abstract class YamlNode
{
    private protected YamlNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    public abstract string KindName { get; }
}

public sealed class YamlScalar(string value, bool quoted, int line, int column) : YamlNode(line, column)
{
    public string Value { get; } = value;

    /// <summary>Quoted scalars are always strings; plain ones may be numbers, booleans or null.</summary>
    public bool Quoted { get; } = quoted;

    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindName => IsNull ? "nothing (null)" : "a scalar";
}

public sealed class YamlSequence(int line, int column) : YamlNode(line, column)
{
    public List<YamlNode> Items { get; } = [];
    public override string KindName => "a list";
}

public sealed class YamlMapping(int line, int column) : YamlNode(line, column)
{
    public List<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = [];
    public override string KindName => "a mapping";
}
