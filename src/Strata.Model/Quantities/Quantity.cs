using System.Globalization;

namespace Strata.Model.Quantities;

/// <summary>
/// A magnitude with a unit. Stored in the unit its author wrote (so it prints back as written)
/// and compared through the dimension's base unit.
/// </summary>
public readonly record struct Quantity : IComparable<Quantity>
{
    private Quantity(double magnitude, Unit unit)
    {
        Magnitude = magnitude;
        Unit = unit;
    }

    public double Magnitude { get; }
    public Unit Unit { get; }
    public Dimension Dimension => Unit.Dimension;

    /// <summary>The value in the dimension's base unit (seconds, bytes, 1, per second, fraction, cores).</summary>
    public double BaseValue => Magnitude * Unit.Factor;

    public static Quantity Create(double magnitude, Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (!double.IsFinite(magnitude) || magnitude < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(magnitude), magnitude, "A quantity must be finite and non-negative.");
        }
        return new Quantity(magnitude, unit);
    }

    public static Quantity Count(double n) => Create(n, Unit.None);

    public static Quantity Of(Duration d) => d.Seconds >= 1
        ? new Quantity(d.Seconds, Lookup("s"))
        : d.Seconds >= 1e-3 ? new Quantity(d.Milliseconds, Lookup("ms")) : new Quantity(d.Microseconds, Lookup("us"));

    public static Quantity Of(DataSize s) => s.Bytes >= 1024d * 1024 * 1024
        ? new Quantity(s.Bytes / (1024d * 1024 * 1024), Lookup("GiB"))
        : s.Bytes >= 1024d * 1024 ? new Quantity(s.Mebibytes, Lookup("MiB")) : new Quantity(s.Bytes / 1024, Lookup("KiB"));

    /// <summary>A value in its dimension's base unit, written in a readable unit (a duration in s, ms or us; a size in GiB, MiB or KiB).</summary>
    public static Quantity FromBase(Dimension dimension, double baseValue) => dimension switch
    {
        Dimension.Duration => Of(Duration.FromSeconds(baseValue)),
        Dimension.Size => Of(DataSize.FromBytes(baseValue)),
        Dimension.Ratio => Create(baseValue * 100, Lookup("%")),
        Dimension.Rate => Create(baseValue, Lookup("/s")),
        Dimension.Cpu => baseValue >= 1 ? Create(baseValue, Lookup("cores")) : Create(baseValue * 1000, Lookup("m")),
        _ => Count(baseValue),
    };

    private static Unit Lookup(string symbol) => Unit.TryGet(symbol, out var u) ? u : throw new InvalidOperationException($"Unit table lacks '{symbol}'.");

    public Duration AsDuration() => Dimension == Dimension.Duration
        ? Duration.FromSeconds(BaseValue)
        : throw new InvalidOperationException($"A {Dimension.Name()} is not a duration.");

    public DataSize AsDataSize() => Dimension == Dimension.Size
        ? DataSize.FromBytes(BaseValue)
        : throw new InvalidOperationException($"A {Dimension.Name()} is not a size.");

    public int CompareTo(Quantity other)
    {
        if (other.Dimension != Dimension)
        {
            throw new InvalidOperationException($"Cannot compare a {Dimension.Name()} with a {other.Dimension.Name()}.");
        }
        return BaseValue.CompareTo(other.BaseValue);
    }

    public override string ToString() =>
        Magnitude.ToString("0.###", CultureInfo.InvariantCulture) + Unit.Symbol;
}
