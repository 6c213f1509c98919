using Spectre.Console;
using Strata.Engine.Decisions;
using Strata.Model.Entities;
using Profile = Strata.Model.Entities.Profile;

namespace Strata.Cli.Rendering;

/// <summary>A tree walk as JSON or on the terminal.</summary>
public static class TreeRendering
{
    public static void WriteJson(TextWriter w, DecisionTree tree, Profile profile, TreeOutcome outcome) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("tree", tree.Id);
        j.WriteString("profile", profile.Name);
        CatalogJson.WriteProvenance(j, tree.Provenance);
        DecisionJson.WriteStack(j, "outcome", outcome.Outcome);
        DecisionJson.WritePath(j, outcome.Path);
        j.WriteEndObject();
    });

    public static void WriteTable(IAnsiConsole console, DecisionTree tree, Profile profile, TreeOutcome outcome)
    {
        console.MarkupLineInterpolated($"[bold]{tree.Name}[/] ({tree.Id}, {tree.Provenance.Cite()}) on {profile.Name}");
        foreach (var s in outcome.Path)
        {
            console.MarkupLineInterpolated($"  {s.Node}: {s.Question ?? ""} → {s.Truth}{(s.Condition is { } c ? $" ({c})" : "")}");
        }
        console.MarkupLineInterpolated($"[green]outcome[/]: {DecisionText.StackWithLayers(outcome.Outcome)}");
    }
}
