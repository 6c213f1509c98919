using Spectre.Console;
using Strata.Engine.Decisions;
using Strata.Model.Entities;
using Strata.Rendering.Text;
using Profile = Strata.Model.Entities.Profile;

namespace Strata.Cli.Rendering;

/// <summary>A tree walk on the terminal.</summary>
public static class TreeTables
{
    public static void Write(IAnsiConsole console, DecisionTree tree, Profile profile, TreeOutcome outcome)
    {
        console.MarkupLineInterpolated($"[bold]{tree.Name}[/] ({tree.Id}, {tree.Provenance.Cite()}) on {profile.Name}");
        foreach (var s in outcome.Path)
        {
            console.MarkupLineInterpolated($"  {s.Node}: {s.Question ?? ""} → {s.Truth}{(s.Condition is { } c ? $" ({c})" : "")}");
        }
        console.MarkupLineInterpolated($"[green]outcome[/]: {DecisionText.StackWithLayers(outcome.Outcome)}");
    }
}
