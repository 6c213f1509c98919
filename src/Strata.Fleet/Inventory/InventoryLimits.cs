namespace Strata.Fleet.Inventory;

/// <summary>
/// What an inventory may hold before it is refused as bad input. The defaults sit well above what the Kubernetes
/// API can store: an object is at most about 1.5 MiB (etcd's default request limit), so 4 MiB per node leaves room
/// for pretty-printed JSON; a node carries tens of labels, rarely hundreds.
/// </summary>
public sealed record InventoryLimits
{
    public static readonly InventoryLimits Default = new();

    /// <summary>Bytes of one node object (or one other JSON value, or one CSV line).</summary>
    public int MaxNodeBytes { get; init; } = 4 * 1024 * 1024;

    public int MaxLabelsPerNode { get; init; } = 1024;

    /// <summary>Nesting depth of the JSON (a Node is about 6 deep).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Bad nodes reported before reading stops.</summary>
    public int MaxErrors { get; init; } = 20;

    /// <summary>Characters of a name, a label key or value (Kubernetes: 253 for names and prefixed keys, 63 for values).</summary>
    public int MaxStringLength { get; init; } = 1024;
}

/// <summary>A problem in the inventory at a byte offset (JSON) or line (CSV); <see cref="Line"/> and <see cref="Column"/> are filled in once reading stops.</summary>
public sealed record InventoryError(long Offset, string Message)
{
    public long Line { get; init; }
    public long Column { get; init; }

    /// <summary>The file the error is in, when the inventory is a directory of files (null: the inventory itself).</summary>
    public string? File { get; init; }
}
