using System.Collections.Immutable;

namespace Strata.Application.Requests;

/// <summary>001's matrix view for a catalogue scenario's vector, or for a vector given outright.</summary>
public sealed record MatrixRequest
{
    private MatrixRequest(string? scenario, ImmutableArray<double> vector)
    {
        Scenario = scenario;
        Vector = vector;
    }

    public static MatrixRequest ForScenario(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new MatrixRequest(id, default);
    }

    public static MatrixRequest ForVector(ImmutableArray<double> vector)
    {
        if (vector.IsDefault)
        {
            throw new ArgumentException("A matrix request needs a vector.", nameof(vector));
        }
        return new MatrixRequest(null, vector);
    }

    public CatalogLocation Catalog { get; init; } = CatalogLocation.Bundled;

    /// <summary>The scenario whose vector to use, or null when <see cref="Vector"/> is given.</summary>
    public string? Scenario { get; }

    /// <summary>The vector given outright (default when <see cref="Scenario"/> is).</summary>
    public ImmutableArray<double> Vector { get; }
}
