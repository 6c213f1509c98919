using Strata.Engine.Decisions;
using Strata.Model.Entities;
using Profile = Strata.Model.Entities.Profile;

namespace Strata.Rendering.Json;

/// <summary>A tree walk as JSON.</summary>
public static class TreeJson
{
    public static void Write(TextWriter w, DecisionTree tree, Profile profile, TreeOutcome outcome) => Json.Write(w, j =>
    {
        j.WriteStartObject();
        j.WriteString("tree", tree.Id);
        j.WriteString("profile", profile.Name);
        CatalogJson.WriteProvenance(j, tree.Provenance);
        DecisionJson.WriteStack(j, "outcome", outcome.Outcome);
        DecisionJson.WritePath(j, outcome.Path);
        j.WriteEndObject();
    });
}
