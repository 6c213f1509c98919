using System.Text.Json;
using Strata.Engine.Decisions;
using Strata.Model.Entities;
using Strata.Rendering.Text;

namespace Strata.Rendering.Json;

/// <summary>`strata explain` and `strata compare` as JSON.</summary>
public static class ExplainJson
{
    public static void Write(TextWriter w, Decision d, Stack asked, StackAssessment a) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("profile", d.Profile.Name);
        DecisionJson.WriteStack(j, "asked", asked);
        WriteAssessment(j, "stack", a);
        j.WriteEndObject();
    });

    public static void WriteComparison(TextWriter w, Decision d, StackAssessment first, StackAssessment second, Comparison c) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("profile", d.Profile.Name);
        WriteAssessment(j, "a", first);
        WriteAssessment(j, "b", second);
        j.WriteNumber("margin", DecisionJson.Round(c.Margin));
        j.WriteObjects("criteria", c.Deltas, delta =>
        {
            j.WriteString("criterion", delta.Criterion);
            j.WriteNumber("weight", DecisionJson.Round(delta.Weight));
            j.WriteNumber("a", DecisionJson.Round(delta.Winner));
            j.WriteNumber("b", DecisionJson.Round(delta.Other));
            j.WriteNumber("contribution", DecisionJson.Round(delta.Contribution));
        });
        j.WriteEndObject();
    });

    private static void WriteAssessment(Utf8JsonWriter j, string name, StackAssessment a)
    {
        j.WriteStartObject(name);
        DecisionJson.WriteStack(j, "stack", a.Stack);
        j.WriteBoolean("feasible", a.Feasible);
        if (a.Rank is { } rank)
        {
            j.WriteNumber("rank", rank);
        }
        j.WriteNumber("score", DecisionJson.Round(a.Score));
        j.WriteObjects("matches", a.Matches, m =>
        {
            j.WriteString("technology", m.Technology);
            j.WriteString("constraint", m.Constraint);
            j.WriteString("verdict", DecisionJson.Name(m.Verdict));
            j.WriteString("expected", m.Expected);
            j.WriteString("actual", m.Actual);
            j.WriteString("origin", m.Origin.ToString());
            if (m.Fact is { } f)
            {
                CatalogJson.WriteProvenance(j, f.Provenance);
                if (f.Status is { } st)
                {
                    j.WriteString("status", DecisionText.Status(st));
                }
            }
        });
        j.WriteStrings("eliminations", a.Eliminations.Select(e => e.Reason));
        if (a.RuleViolation is { } v)
        {
            j.WriteString("rule_violation", $"rule {v.Rule}: {v.Reason}");
        }
        j.WriteStartObject("criteria");
        foreach (var c in a.Criteria)
        {
            j.WriteNumber(c.Criterion, DecisionJson.Round(c.Value));
        }
        j.WriteEndObject();
        j.WriteEndObject();
    }
}
