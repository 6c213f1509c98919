namespace Strata.Model.Quantities;

/// <summary>A non-negative amount of memory or storage. The factories validate; the constructor trusts.</summary>
public readonly record struct DataSize : IComparable<DataSize>
{
    private DataSize(double bytes) => Bytes = bytes;

    public double Bytes { get; }
    public double Mebibytes => Bytes / (1024 * 1024);

    public static DataSize FromBytes(double bytes) =>
        new(double.IsFinite(bytes) && bytes >= 0 ? bytes : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "A size must be finite and non-negative."));

    public static DataSize FromMebibytes(double mib) => FromBytes(mib * 1024 * 1024);

    public int CompareTo(DataSize other) => Bytes.CompareTo(other.Bytes);
    public static bool operator <(DataSize a, DataSize b) => a.Bytes < b.Bytes;
    public static bool operator >(DataSize a, DataSize b) => a.Bytes > b.Bytes;
    public static bool operator <=(DataSize a, DataSize b) => a.Bytes <= b.Bytes;
    public static bool operator >=(DataSize a, DataSize b) => a.Bytes >= b.Bytes;

    public override string ToString() => Quantity.Of(this).ToString();
}
