using Strata.Model.Conditions;

namespace Strata.Model.Tests.Conditions;

public class ConditionParserTests
{
    [Theory]
    [InlineData("nodes > 1000", "nodes Greater 1000")]
    [InlineData("offline and not ha", "(offline and not ha)")]
    [InlineData("a or b and c", "(a or (b and c))")]
    [InlineData("(a or b) and c", "((a or b) and c)")]
    [InlineData("scenario in [edge, 5g-mec]", "scenario in [edge, 5g-mec]")]
    [InlineData("device_access contains usb", "device_access contains usb")]
    [InlineData("cold_start <= 100ms", "cold_start LessOrEqual 100ms")]
    public void Parse_ValidText_BuildsTheTree(string text, string expected) =>
        ConditionParser.Parse(text).Value.ToString().ShouldBe(expected);

    [Fact]
    public void Parse_QuantityLiteral_IsParsedWithItsUnit()
    {
        var c = (CompareCondition)ConditionParser.Parse("node_memory <= 2GiB").Value;
        c.Value.Quantity!.Value.BaseValue.ShouldBe(2d * 1024 * 1024 * 1024);
    }

    [Theory]
    [InlineData("nodes >", "expected a value")]
    [InlineData("(a or b", "expected ')'")]
    [InlineData("a b", "unexpected 'b'")]
    [InlineData("nodes = 3", "unexpected '='")]
    [InlineData("cold_start < 10parsecs", "unknown unit")]
    public void Parse_BadText_FailsWithColumn(string text, string fragment) =>
        ConditionParser.Parse(text).Error!.ShouldContain(fragment);

    [Fact]
    public void Parse_DeepNesting_HitsTheLimitInsteadOfRecursing()
    {
        var text = new string('(', 10_000) + "a" + new string(')', 10_000);
        var r = ConditionParser.Parse(text);
        r.Success.ShouldBeFalse();
        r.Error!.ShouldContain("at most");
    }

    [Fact]
    public void Parse_NestingWithinLimit_Succeeds()
    {
        var text = new string('(', 20) + "a" + new string(')', 20);
        ConditionParser.Parse(text).Success.ShouldBeTrue();
    }

    [Fact]
    public void Identifiers_ListsEveryFieldAndPredicate() =>
        ConditionParser.Parse("edge or (nodes > 3 and not ha)").Value.Identifiers().Select(i => i.Name)
            .ShouldBe(["edge", "nodes", "ha"]);
}
