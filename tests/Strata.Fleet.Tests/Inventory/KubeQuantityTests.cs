using Strata.Fleet.Inventory;

namespace Strata.Fleet.Tests.Inventory;

public class KubeQuantityTests
{
    [Theory]
    [InlineData("16Gi", 16d * 1024 * 1024 * 1024)]
    [InlineData("1014216Ki", 1014216d * 1024)]
    [InlineData("512Mi", 512d * 1024 * 1024)]
    [InlineData("3920m", 3.92)]
    [InlineData("4", 4)]
    [InlineData("1.5", 1.5)]
    [InlineData("2G", 2e9)]
    [InlineData("500k", 5e5)]
    [InlineData("1e3", 1000)]
    [InlineData("100n", 1e-7)]
    public void TryParse_KubernetesQuantity_GivesBaseUnits(string text, double expected)
    {
        KubeQuantity.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(expected, expected * 1e-12);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("16GB")]
    [InlineData("-1")]
    [InlineData("Gi")]
    [InlineData("1e999")]
    public void TryParse_NotAQuantity_IsFalse(string text) => KubeQuantity.TryParse(text, out _).ShouldBeFalse();
}
