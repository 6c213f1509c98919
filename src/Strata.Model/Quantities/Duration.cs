namespace Strata.Model.Quantities;

/// <summary>A non-negative span of time. The factories validate; the constructor trusts.</summary>
public readonly record struct Duration : IComparable<Duration>
{
    private Duration(double seconds) => Seconds = seconds;

    public double Seconds { get; }
    public double Milliseconds => Seconds * 1e3;
    public double Microseconds => Seconds * 1e6;

    public static Duration FromSeconds(double seconds) => new(Checked(seconds));
    public static Duration FromMilliseconds(double ms) => new(Checked(ms) / 1e3);
    public static Duration FromMicroseconds(double us) => new(Checked(us) / 1e6);

    private static double Checked(double v) =>
        double.IsFinite(v) && v >= 0 ? v : throw new ArgumentOutOfRangeException(nameof(v), v, "A duration must be finite and non-negative.");

    public int CompareTo(Duration other) => Seconds.CompareTo(other.Seconds);
    public static bool operator <(Duration a, Duration b) => a.Seconds < b.Seconds;
    public static bool operator >(Duration a, Duration b) => a.Seconds > b.Seconds;
    public static bool operator <=(Duration a, Duration b) => a.Seconds <= b.Seconds;
    public static bool operator >=(Duration a, Duration b) => a.Seconds >= b.Seconds;

    public override string ToString() => Quantity.Of(this).ToString();
}
