using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strata.Server;

// The shapes of bodies and answers as the OpenAPI document describes them. The endpoints read bodies with
// RequestBody (every error at its pointer) and write answers with the CLI's renderers; these types only describe them.
// Field names are snake_case, as in the decision contract (schemas/decision.schema.json) that /v1/evaluate returns.

/// <summary>A decision request: the profile and the options of <c>strata recommend</c>.</summary>
/// <param name="Profile">YAML text, a JSON object of the same fields, or a scenario id such as "edge".</param>
public record EvaluateBody(JsonElement Profile, string? Evidence, bool? Robustness, int? Samples, int? Seed, bool? SampleWeights,
    Dictionary<string, double>? Weights, Dictionary<string, bool>? Host, int? Top);

/// <summary>A decision request to keep, with a label to find it by.</summary>
public sealed record DecideBody(JsonElement Profile, string? Evidence, bool? Robustness, int? Samples, int? Seed, bool? SampleWeights,
    Dictionary<string, double>? Weights, Dictionary<string, bool>? Host, int? Top, string? Label);

/// <summary>One stack (<c>layer=id,…</c> or bare ids) to examine against the profile.</summary>
public sealed record ExplainBody(JsonElement Profile, string Stack, string? Evidence, Dictionary<string, double>? Weights, Dictionary<string, bool>? Host);

/// <summary>Two stacks to compare for the profile.</summary>
public sealed record CompareBody(JsonElement Profile, string A, string B, string? Evidence, Dictionary<string, double>? Weights, Dictionary<string, bool>? Host);

/// <summary>The decision JSON of <c>strata recommend -o json</c>; its full schema is schemas/decision.schema.json.</summary>
public sealed record DecisionDocument(string Profile, JsonElement Catalog, bool Feasible, JsonElement Ranking);

public sealed record CatalogRef(string Name, string Version, string Digest);

public sealed record DecisionItem(string Id, string CreatedAt, string? Label, string Profile, string? Scenario, string ProfileDigest, CatalogRef Catalog,
    string Evidence, bool Feasible, string? Winner, double? FirstRankProbability, string Href);

public sealed record DecisionList(DecisionItem[] Items, string? Next);

public sealed record StoredFactBody(string Technology, string Fact, string? Measures, string Value, string UsedFor, bool Flagged, string Provenance);

public sealed record StoredInput(string ProfileKind, string Profile, string Evidence, Dictionary<string, double>? Weights, Dictionary<string, bool>? Host,
    bool Robustness, int Samples, int Seed, bool SampleWeights, int Top);

public sealed record StoredDecisionBody(DecisionItem Meta, StoredInput Input, DecisionDocument Decision, StoredFactBody[] DecisiveFacts);

public sealed record ScenarioItem(string Id, string Name, string Summary, Dictionary<string, double>? Weights, string? Example);

public sealed record CriterionItem(string Id, string Name, string Summary);

public sealed record ScenarioList(ScenarioItem[] Scenarios, CriterionItem[] Criteria, CatalogRef Catalog);

public sealed record ExampleItem(string Name, string Profile);

public sealed record DriftDocument(CatalogRef Catalog, bool Drifted, int Checked, JsonElement Decisions);

public sealed record Health(string Status, string? Store);

/// <summary>An RFC 9457 problem with Strata's diagnostics.</summary>
public sealed record ProblemDocument(string Type, string Title, int Status, string Detail, string? Instance, string Code, ProblemDiagnostic[] Diagnostics);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EvaluateBody))]
[JsonSerializable(typeof(DecideBody))]
[JsonSerializable(typeof(ExplainBody))]
[JsonSerializable(typeof(CompareBody))]
[JsonSerializable(typeof(DecisionDocument))]
[JsonSerializable(typeof(DecisionList))]
[JsonSerializable(typeof(StoredDecisionBody))]
[JsonSerializable(typeof(ScenarioList))]
[JsonSerializable(typeof(ExampleItem[]))]
[JsonSerializable(typeof(DriftDocument))]
[JsonSerializable(typeof(Health))]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObjectDocument))]
[JsonSerializable(typeof(string))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
