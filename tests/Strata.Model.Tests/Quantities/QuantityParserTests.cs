using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Strata.Model.Quantities;

namespace Strata.Model.Tests.Quantities;

public class QuantityParserTests
{
    [Theory]
    [InlineData("12ms", Dimension.Duration, 0.012)]
    [InlineData("0.76us", Dimension.Duration, 0.76e-6)]
    [InlineData("5µs", Dimension.Duration, 5e-6)]
    [InlineData("2s", Dimension.Duration, 2)]
    [InlineData("1min", Dimension.Duration, 60)]
    [InlineData("512MiB", Dimension.Size, 512d * 1024 * 1024)]
    [InlineData("160Mi", Dimension.Size, 160d * 1024 * 1024)]
    [InlineData("0.9MB", Dimension.Size, 900_000)]
    [InlineData("2GB", Dimension.Size, 2e9)]
    [InlineData("110", Dimension.Count, 110)]
    [InlineData("150/s", Dimension.Rate, 150)]
    [InlineData("98%", Dimension.Ratio, 0.98)]
    [InlineData("250m", Dimension.Cpu, 0.25)]
    [InlineData("10 ms", Dimension.Duration, 0.01)]
    public void ParseQuantity_KnownUnit_ConvertsToBaseUnit(string text, Dimension dimension, double expected)
    {
        var q = QuantityParser.ParseQuantity(text).Value;
        q.Dimension.ShouldBe(dimension);
        q.BaseValue.ShouldBe(expected, tolerance: Math.Abs(expected) * 1e-12);
    }

    [Fact]
    public void ParseQuantity_PlainNumberWhereCpuExpected_MeansCores() =>
        QuantityParser.ParseQuantity("4", Dimension.Cpu).Value.BaseValue.ShouldBe(4);

    [Theory]
    [InlineData("12xs", "unknown unit 'xs'")]
    [InlineData("5mb", "unknown unit 'mb'")]
    [InlineData("10000+", "'>= 10000'")]
    [InlineData("1,000", "thousands separators")]
    [InlineData("fast", "not a quantity")]
    [InlineData("", "found nothing")]
    public void ParseQuantity_BadText_FailsWithPlainSentence(string text, string expectedFragment)
    {
        var r = QuantityParser.ParseQuantity(text);
        r.Success.ShouldBeFalse();
        r.Error!.ShouldContain(expectedFragment);
    }

    [Fact]
    public void ParseQuantity_WrongDimension_NamesBothAndTheUnits()
    {
        var r = QuantityParser.ParseQuantity("12ms", Dimension.Size);
        r.Error!.ShouldContain("expected a size");
        r.Error!.ShouldContain("MiB");
    }

    [Theory]
    [InlineData("6ms..60ms", EstimateForm.Range, 0.006, 0.060)]
    [InlineData("~250MB", EstimateForm.Approximate, 250e6, 250e6)]
    [InlineData("< 125ms", EstimateForm.Bound, null, 0.125)]
    [InlineData("<= 5MiB", EstimateForm.Bound, null, 5d * 1024 * 1024)]
    [InlineData(">= 110000", EstimateForm.Bound, 110000d, null)]
    [InlineData("> 30000/s", EstimateForm.Bound, 30000d, null)]
    [InlineData("1..1000", EstimateForm.Range, 1d, 1000d)]
    [InlineData("10MB..0.5GB", EstimateForm.Range, 10e6, 0.5e9)]
    public void ParseEstimate_Forms_GiveTheirInterval(string text, EstimateForm form, double? low, double? high)
    {
        var e = QuantityParser.ParseEstimate(text).Value;
        e.Form.ShouldBe(form);
        e.Low?.BaseValue.ShouldBe(low!.Value, tolerance: 1e-9);
        e.High?.BaseValue.ShouldBe(high!.Value, tolerance: 1e-9);
        (e.Low is null).ShouldBe(low is null);
        (e.High is null).ShouldBe(high is null);
    }

    [Theory]
    [InlineData("60ms..6ms", "runs backwards")]
    [InlineData("6ms..1MB", "expected a duration")]
    [InlineData("< 12parsecs", "unknown unit")]
    public void ParseEstimate_BadText_Fails(string text, string fragment) =>
        QuantityParser.ParseEstimate(text).Error!.ShouldContain(fragment);

    private static readonly Unit[] Units =
        new[] { "ns", "us", "ms", "s", "min", "B", "KiB", "MiB", "GiB", "KB", "MB", "GB", "/s", "%", "m", "cores", "" }
            .Select(s => Unit.TryGet(s, out var u) ? u : throw new InvalidOperationException(s)).ToArray();

    [Fact]
    public void ParseQuantity_AnyMagnitudeAndUnit_RoundTripsThroughText()
    {
        var gen =
            from milli in Gen.Choose(0, 10_000_000)
            from unit in Gen.Elements(Units)
            select (Magnitude: milli / 1000.0, Unit: unit);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var text = x.Magnitude.ToString(CultureInfo.InvariantCulture) + x.Unit.Symbol;
            var parsed = QuantityParser.ParseQuantity(text).Value;
            var reparsed = QuantityParser.ParseQuantity(parsed.ToString()).Value;
            return Close(parsed.BaseValue, x.Magnitude * x.Unit.Factor) && Close(reparsed.BaseValue, parsed.BaseValue) && parsed.Dimension == x.Unit.Dimension;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ParseEstimate_AnyOrderedRange_KeepsLowBelowHigh()
    {
        var gen =
            from a in Gen.Choose(0, 1_000_000)
            from b in Gen.Choose(0, 1_000_000)
            from unit in Gen.Elements(Units)
            select (Low: Math.Min(a, b), High: Math.Max(a, b), Unit: unit);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var e = QuantityParser.ParseEstimate($"{x.Low}{x.Unit.Symbol}..{x.High}{x.Unit.Symbol}").Value;
            return e.Form == EstimateForm.Range && e.Low!.Value.BaseValue <= e.High!.Value.BaseValue
                && e.Central >= e.Low.Value.BaseValue && e.Central <= e.High.Value.BaseValue;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ParseQuantity_AnyUnknownUnit_IsRejected()
    {
        var known = Unit.AllSymbols.Concat(["Ki", "Mi", "Gi", "Ti"]).ToHashSet(StringComparer.Ordinal);
        var gen =
            from n in Gen.Choose(0, 1000)
            from letters in Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray()))
            where letters.Length is > 0 and < 6 && !known.Contains(new string(letters))
            select $"{n}{new string(letters)}";
        Prop.ForAll(gen.ToArbitrary(), text =>
        {
            var r = QuantityParser.ParseQuantity(text);
            return !r.Success && r.Error!.Contains("unknown unit", StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ParseEstimate_AnyText_NeverThrows()
    {
        Prop.ForAll<string>(s =>
        {
            var r = QuantityParser.ParseEstimate(s ?? "");
            return r.Success || r.Error is { Length: > 0 };
        }).QuickCheckThrowOnFailure();
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
