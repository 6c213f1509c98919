using System.Globalization;
using Strata.Catalog.Reading;

namespace Strata.Application;

/// <summary>Every sentence the application layer says, in one place. No final full stops: callers add their own advice.</summary>
internal static partial class Messages
{
    public static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";

    public static string NoCatalogue(string dir) => $"there is no catalogue directory '{dir}'";

    public static string CatalogueSummary(int errors, int warnings, int files) =>
        $"{Plural(errors, "error")}, {Plural(warnings, "warning")} in {Plural(files, "file")}";

    public static string RequiredShare(double share) =>
        $"the required share of figures must be between 0 and 1 (e.g. 0.9 for 90 %), not {share.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string UnknownEvidence(string name, IEnumerable<string> known) =>
        $"there is no evidence policy '{name}'{Suggestions.DidYouMean(name, known)}; use one of: {string.Join(", ", known)}";

    public static string BadWeight(string criterion, double value, IEnumerable<string> known) =>
        known.Contains(criterion)
            ? $"the weight of '{criterion}' must be a finite number of at least 0, not {value.ToString(CultureInfo.InvariantCulture)}"
            : $"there is no criterion '{criterion}'{Suggestions.DidYouMean(criterion, known)}; criteria: {string.Join(", ", known)}";

    public const string ZeroWeights = "the weights add up to 0: at least one criterion needs a weight above 0";

    public static string UnknownScenario(string id, IEnumerable<string> known) => $"there is no scenario '{id}'{Suggestions.DidYouMean(id, known)}";

    public static string UnknownHostFact(string key, IReadOnlyList<string> known) =>
        $"there is no host fact '{key}'{Suggestions.DidYouMean(key, known)}; host facts: {string.Join(", ", known)}";

    public static string InconsistentWeights(double ratio) =>
        $"the AHP comparisons have a consistency ratio of {ratio.ToString("0.###", CultureInfo.InvariantCulture)}, above Saaty's limit of 0.1: " +
        "they contradict each other (e.g. a > b and b > c but c > a)";

    public static string NoCurrentStack => "the profile has no 'current:' stack";

    public static string NoReferenceDirectory(string dir) => $"there is no reference directory '{dir}'";

    public static string NoReferenceBlock => "a reference profile needs a 'reference:' block (the real system, its sources, what it chose)";

    public static string NothingFeasible => "nothing is feasible for this profile, so there is no target";

    public static string UnknownLayer(string id, IEnumerable<string> known, IEnumerable<string> ordered) =>
        $"there is no layer '{id}'{Suggestions.DidYouMean(id, known)}. Layers: {string.Join(", ", ordered)}";

    public static string UnknownTechnology(string id, IEnumerable<string> known) =>
        $"the catalogue has no technology '{id}'{Suggestions.DidYouMean(id, known)}";

    public static string UnknownTree(string id, IReadOnlyList<string> known) =>
        $"there is no tree '{id}'{Suggestions.DidYouMean(id, known)}. Trees: {string.Join(", ", known)}";

    public static string UnknownTable(string id, IEnumerable<string> known) =>
        $"'{id}' is neither a table nor a case with an evaluation table{Suggestions.DidYouMean(id, known)}";

    public static string NoVector(string scenario, IReadOnlyList<string> withVector) =>
        $"scenario '{scenario}' has no vector in the catalogue{Suggestions.DidYouMean(scenario, withVector)}; scenarios with one: {string.Join(", ", withVector)}";

    public static string BadVectorComponent(int index, double value) =>
        $"component {index + 1} of the vector is {value.ToString(CultureInfo.InvariantCulture)}, not a non-negative number";

    public static string UnknownTools(IEnumerable<string> unknown, IEnumerable<string> known) =>
        $"unknown tool(s) {string.Join(", ", unknown)}; known: {string.Join(", ", known)}";

    public static string NotEmpty(string path) => $"'{path}' is not empty; synth writes only into a new or empty directory";

    // Stack text (layer=id,…), as on the command line and in a request.
    public static string NotAStackPart(string part, IEnumerable<string> technologies) =>
        $"'{part}' is neither layer=id nor a technology id{Suggestions.DidYouMean(part, technologies)}";

    public static string NoSuchLayer(string layer, IEnumerable<string> layers) => $"there is no layer '{layer}'{Suggestions.DidYouMean(layer, layers)}";

    public static string NoSuchTechnology(string id, IEnumerable<string> technologies) => $"there is no technology '{id}'{Suggestions.DidYouMean(id, technologies)}";

    public static string WrongLayer(string id, string actual, string named) => $"'{id}' is a {actual} technology, not {named}";

    public static string EmptyStack => "the stack is empty; write it as layer=id,layer=id (e.g. orchestration=k3s,runtime=wasmedge)";
}
