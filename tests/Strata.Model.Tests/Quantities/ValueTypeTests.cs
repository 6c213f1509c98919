using Strata.Model.Quantities;

namespace Strata.Model.Tests.Quantities;

public class ValueTypeTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Duration_FromMilliseconds_RejectsNegativeAndNonFinite(double ms) =>
        Should.Throw<ArgumentOutOfRangeException>(() => Duration.FromMilliseconds(ms));

    [Fact]
    public void DataSize_FromBytes_RejectsNegative() =>
        Should.Throw<ArgumentOutOfRangeException>(() => DataSize.FromBytes(-1));

    [Fact]
    public void Quantity_CompareTo_AcrossDimensions_Throws() =>
        Should.Throw<InvalidOperationException>(() =>
            QuantityParser.ParseQuantity("1ms").Value.CompareTo(QuantityParser.ParseQuantity("1MB").Value));

    [Fact]
    public void Quantity_AsDuration_ConvertsUnits() =>
        QuantityParser.ParseQuantity("1500us").Value.AsDuration().Milliseconds.ShouldBe(1.5, 1e-9);

    [Fact]
    public void Estimate_Percentiles_CentralIsTheMedian()
    {
        var e = Estimate.FromPercentiles(new Dictionary<string, Quantity>
        {
            ["p50"] = QuantityParser.ParseQuantity("12ms").Value,
            ["p99"] = QuantityParser.ParseQuantity("60ms").Value,
        });
        e.Central.ShouldBe(0.012, 1e-12);
        e.ToString().ShouldBe("{ p50: 12ms, p99: 60ms }");
    }
}
