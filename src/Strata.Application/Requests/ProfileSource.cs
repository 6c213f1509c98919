namespace Strata.Application.Requests;

/// <summary>Where a request's profile comes from: a path (or scenario id) as the CLI takes it, a scenario id, or YAML text.</summary>
public abstract record ProfileSource
{
    private ProfileSource()
    {
    }

    /// <summary>
    /// A profile file; when there is no such file, a catalogue scenario of that id (as the CLI's PROFILE
    /// argument: <c>strata recommend edge</c>).
    /// </summary>
    public static ProfileSource Path(string pathOrScenario)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathOrScenario);
        return new FromPath(pathOrScenario);
    }

    /// <summary>A catalogue scenario as the whole profile (a profile that says only <c>scenario: id</c>).</summary>
    public static ProfileSource Scenario(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new FromScenario(id);
    }

    /// <summary>
    /// A profile's YAML held in memory (a server's request body); <paramref name="name"/> stands for the file
    /// in diagnostics, which point at line:column inside <paramref name="yaml"/>.
    /// </summary>
    public static ProfileSource Text(string name, string yaml)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(yaml);
        return new FromText(name, yaml);
    }

    internal sealed record FromPath(string PathOrScenario) : ProfileSource;

    internal sealed record FromScenario(string Id) : ProfileSource;

    internal sealed record FromText(string Name, string Yaml) : ProfileSource;
}
