using Strata.Model.Diagnostics;

namespace Strata.Catalog.Reading;

public enum ReferenceKind { Technology, Layer, Criterion, Scenario, Table }

/// <summary>
/// A reference from one entity to another, collected while reading and checked once every file
/// is read. <see cref="ExpectedLayer"/> is set where a stack places the technology in a layer.
/// </summary>
public sealed record Reference(ReferenceKind Kind, string Id, SourceLocation Location, string Context, string? ExpectedLayer = null);
