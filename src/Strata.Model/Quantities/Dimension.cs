namespace Strata.Model.Quantities;

/// <summary>What a quantity measures. Each dimension has one base unit the model stores.</summary>
public enum Dimension
{
    /// <summary>Base unit: second.</summary>
    Duration,
    /// <summary>Base unit: byte.</summary>
    Size,
    /// <summary>Dimensionless count.</summary>
    Count,
    /// <summary>Base unit: per second.</summary>
    Rate,
    /// <summary>Base unit: fraction (98% = 0.98).</summary>
    Ratio,
    /// <summary>Base unit: CPU core.</summary>
    Cpu,
}

public static class DimensionNames
{
    public static string Name(this Dimension d) => d switch
    {
        Dimension.Duration => "duration",
        Dimension.Size => "size",
        Dimension.Count => "count",
        Dimension.Rate => "rate",
        Dimension.Ratio => "ratio",
        Dimension.Cpu => "cpu",
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, "Unknown dimension."),
    };

    public static bool TryParse(string text, out Dimension dimension)
    {
        foreach (var d in Enum.GetValues<Dimension>())
        {
            if (d.Name() == text)
            {
                dimension = d;
                return true;
            }
        }
        dimension = default;
        return false;
    }
}
