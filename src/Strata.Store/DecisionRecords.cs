using Strata.Application;
using Strata.Application.Results;
using Strata.Rendering.Html;
using Strata.Rendering.Json;
using Strata.Rendering.Markdown;

namespace Strata.Store;

/// <summary>Makes the row a store keeps from a decision: the contract JSON exactly as <c>strata recommend -o json</c> writes it, the ADR and the HTML report of that moment.</summary>
public static class DecisionRecords
{
    /// <summary>The contract JSON of a decision for <paramref name="top"/> ranked stacks: the bytes <c>strata recommend -o json</c> writes.</summary>
    public static string Json(Engine.Decisions.Decision decision, int top)
    {
        var w = new StringWriter { NewLine = "\n" };
        DecisionJson.Write(w, decision, top);
        return w.ToString();
    }

    public static StoredDecision Make(string id, DecisionInput input, DecisionReport report, string? label, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(report);
        var d = report.Decision;
        var date = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new StoredDecision(id, now, label, d.Profile.Name, d.Profile.Scenario, input, new CatalogStamp(d.CatalogName, d.CatalogVersion, d.CatalogDigest),
            DecisionSummary.Of(d), Json(d, input.Top), report.Plan is { } plan ? AdrRenderer.Madr(d, plan, report.Catalog, date, "proposed") : null,
            HtmlReport.Render(d, report.Plan));
    }
}
