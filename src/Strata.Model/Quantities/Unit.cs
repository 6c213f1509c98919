using System.Collections.Frozen;

namespace Strata.Model.Quantities;

/// <summary>A unit symbol and the factor that converts it to its dimension's base unit.</summary>
public sealed record Unit(string Symbol, Dimension Dimension, double Factor)
{
    /// <summary>The unit of plain counts: no symbol.</summary>
    public static readonly Unit None = new("", Dimension.Count, 1);

    private static readonly Unit[] All =
    [
        new("ns", Dimension.Duration, 1e-9),
        new("us", Dimension.Duration, 1e-6),
        new("µs", Dimension.Duration, 1e-6),
        new("ms", Dimension.Duration, 1e-3),
        new("s", Dimension.Duration, 1),
        new("min", Dimension.Duration, 60),
        new("h", Dimension.Duration, 3600),
        new("B", Dimension.Size, 1),
        new("KiB", Dimension.Size, 1024),
        new("MiB", Dimension.Size, 1024d * 1024),
        new("GiB", Dimension.Size, 1024d * 1024 * 1024),
        new("TiB", Dimension.Size, 1024d * 1024 * 1024 * 1024),
        // Kubernetes resource notation, as in RuntimeClass overheads (160Mi).
        new("Ki", Dimension.Size, 1024),
        new("Mi", Dimension.Size, 1024d * 1024),
        new("Gi", Dimension.Size, 1024d * 1024 * 1024),
        new("Ti", Dimension.Size, 1024d * 1024 * 1024 * 1024),
        new("KB", Dimension.Size, 1e3),
        new("MB", Dimension.Size, 1e6),
        new("GB", Dimension.Size, 1e9),
        new("TB", Dimension.Size, 1e12),
        new("/s", Dimension.Rate, 1),
        new("/min", Dimension.Rate, 1.0 / 60),
        new("%", Dimension.Ratio, 0.01),
        new("m", Dimension.Cpu, 1e-3),
        new("cores", Dimension.Cpu, 1),
        new("core", Dimension.Cpu, 1),
    ];

    private static readonly FrozenDictionary<string, Unit> BySymbol = All.ToFrozenDictionary(u => u.Symbol, StringComparer.Ordinal);

    public static bool TryGet(string symbol, out Unit unit)
    {
        if (symbol.Length == 0)
        {
            unit = None;
            return true;
        }
        return BySymbol.TryGetValue(symbol, out unit!);
    }

    /// <summary>The symbols of one dimension, for error messages.</summary>
    public static IEnumerable<string> SymbolsOf(Dimension dimension) =>
        All.Where(u => u.Dimension == dimension).Select(u => u.Symbol);

    public static IEnumerable<string> AllSymbols => All.Select(u => u.Symbol);
}
