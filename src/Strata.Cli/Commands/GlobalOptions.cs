using System.CommandLine;
using Strata.Application.Requests;

namespace Strata.Cli.Commands;

/// <summary>Options shared by several commands, created once so every command spells them the same.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Catalog = new("--catalog")
    {
        Description = "Use the catalogue in DIR instead of the bundled one (a catalogue whose catalog.yaml says 'extends: bundled' adds to it).",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary>A fresh --evidence option for one command.</summary>
    public static Option<string> Evidence()
    {
        var o = new Option<string>("--evidence")
        {
            Description = "Which figure decides when a technology has several: 'sourced' (default: a primary source over the seed, " +
                "a measurement over both), 'seed' (the seeds' own figures, to reproduce their answers), 'measured' (like sourced, " +
                "and says which decisive facts were not measured).",
            DefaultValueFactory = _ => "sourced",
            HelpName = "POLICY",
        };
        o.AcceptOnlyFromAmong([.. Strata.Engine.Evidence.FactSelector.Names]);
        return o;
    }

    /// <summary>The catalogue the command was given (--catalog DIR), or the bundled one.</summary>
    public static CatalogLocation CatalogOf(ParseResult parse) => CatalogLocation.From(parse.GetValue(Catalog));

    /// <summary>A request to decide on the PROFILE argument (a file or a scenario id) in the command's catalogue, under its --evidence when it has one.</summary>
    public static DecisionRequest Request(ParseResult parse, Argument<string> profile, Option<string>? evidence = null) =>
        new(ProfileSource.Path(parse.GetValue(profile)!))
        {
            Catalog = CatalogOf(parse),
            Evidence = evidence is null ? "sourced" : parse.GetValue(evidence)!,
            // Only recommend refuses inconsistent AHP comparisons (unless --force-ahp); the other commands
            // have always decided on the comparisons as given.
            ForceAhp = true,
        };

    /// <summary>A fresh --date option (YYYY-MM-DD, checked); the command uses the application's today when it is not given.</summary>
    public static Option<string?> Date(string what)
    {
        var o = new Option<string?>("--date") { Description = $"{what} (YYYY-MM-DD); default today. Give it to get the same bytes every time.", HelpName = "DATE" };
        o.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } day && !DateOnly.TryParseExact(day, "yyyy-MM-dd", out _))
            {
                r.AddError($"--date '{day}' is not a date YYYY-MM-DD.");
            }
        });
        return o;
    }

    /// <summary>A fresh -o option for one command (an option object belongs to one command).</summary>
    public static Option<string> Output(params string[] formats)
    {
        var o = new Option<string>("--output", "-o")
        {
            Description = $"Output format: {string.Join(" or ", formats)}.",
            DefaultValueFactory = _ => formats[0],
            HelpName = "FORMAT",
        };
        o.AcceptOnlyFromAmong(formats);
        return o;
    }
}
